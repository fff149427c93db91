"""Several indexes on one column dropped by a single AlterField (db_index=True -> False):
PostgreSQL drops the plain and the ``_like`` index — and the partial unique index of a
conditional UniqueConstraint on the same column — in the order its catalog lists them."""
