from django.db import migrations

TABLE = "edge_runsqlidx_doc"


def _pg_like(quote):
    return (
        [f"CREATE INDEX {quote}{TABLE}_title_raw{quote} ON {quote}{TABLE}{quote} ({quote}title{quote})"],
        [f"DROP INDEX {quote}{TABLE}_title_raw{quote}"],
    )


SQL = {
    "postgresql": _pg_like('"'),
    "sqlite": _pg_like('"'),
    "mysql": (
        [
            f"CREATE INDEX `{TABLE}_title_raw` ON `{TABLE}` (`title`)",
            f"ALTER TABLE `{TABLE}` ADD FULLTEXT INDEX `{TABLE}_ts_ft` (`title`, `summary`)",
            # The offline catalog does not read this form: it marks the memo table as
            # known only to a server (see 0006).
            "CREATE FULLTEXT INDEX `edge_runsqlidx_memo_body_ft` ON `edge_runsqlidx_memo` (`body`)",
        ],
        [
            "DROP INDEX `edge_runsqlidx_memo_body_ft` ON `edge_runsqlidx_memo`",
            f"DROP INDEX `{TABLE}_ts_ft` ON `{TABLE}`",
            f"DROP INDEX `{TABLE}_title_raw` ON `{TABLE}`",
        ],
    ),
    "oracle": (
        [f'CREATE INDEX "{TABLE.upper()}_TITLE_RAW" ON "{TABLE.upper()}" ("TITLE")'],
        [f'DROP INDEX "{TABLE.upper()}_TITLE_RAW"'],
    ),
}


class VendorRunSQL(migrations.RunSQL):
    """RunSQL whose statements are chosen, when it runs, by the schema editor's vendor."""

    def __init__(self):
        super().__init__(sql=[], reverse_sql=[])

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run_sql(schema_editor, SQL.get(schema_editor.connection.vendor, SQL["postgresql"])[0])

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run_sql(schema_editor, SQL.get(schema_editor.connection.vendor, SQL["postgresql"])[1])
