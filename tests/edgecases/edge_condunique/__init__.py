"""Conditional UniqueConstraints: partial unique indexes where the server has them;
Oracle (no partial indexes in Django) must render the migrations without crashing."""
