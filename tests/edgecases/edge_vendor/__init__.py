"""A migration module that reads ``django.db.connection`` (the default alias) when imported
and chooses its operations from ``vendor`` and ``mysql_is_mariadb``, as wagtail's do."""
