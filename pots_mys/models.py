"""The shared pots models, routed to MySQL / MariaDB (see routers)."""

from pots.mirror import mirror

Pot, Stock, Customer, Product, Order, FieldZoo, BigAutoPk, SmallAutoPk, Quote = mirror(__name__)
