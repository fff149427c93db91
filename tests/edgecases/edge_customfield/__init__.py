"""A custom field whose db_type() reads ``django.db.connection`` (the default alias) instead
of its ``connection`` argument: its column type follows the default alias's vendor."""
