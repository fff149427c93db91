"""A migration class with its own apply() (it introspects, then decides, as django CMS's
do) and an unapply() that refuses (CMS's IrreversibleMigration); RunPython without
reverse_code and RunSQL without reverse_sql."""
