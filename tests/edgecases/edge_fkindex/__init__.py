"""Foreign-key columns covered by a unique_together or an Index whose first column is the
FK, then that unique/index removed: MySQL's ``_create_missing_fk_index`` introspects first.
Also a FK that Django drops and re-adds around a NULL change."""
