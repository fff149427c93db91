"""Two migrations with the same parent alter fields of one model; a merge; one after it.

sqlmigrate renders each leaf with the state of its own ancestors only: 0002_alter_b does
not know 0002_alter_a widened ``a`` (SQLite's table remake narrows it back)."""
