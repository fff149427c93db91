"""The shared pots models, routed to SQLite (the default alias) (see routers)."""

from pots.mirror import mirror

Pot, Stock, Customer, Product, Order, FieldZoo, BigAutoPk, SmallAutoPk, Quote = mirror(__name__)
