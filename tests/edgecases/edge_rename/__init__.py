"""RenameModel of a model with an auto-created M2M, then, in the same migration, an AlterField
on the renamed model. MySQL's sqlmigrate fails (it introspects the renamed tables before the
RENAME has run); migrate works."""
