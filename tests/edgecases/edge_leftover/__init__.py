"""A RunSQL that creates a table and whose reverse does nothing (RunSQL.noop): migrating
back to zero leaves the table behind, and no migration state describes it."""
