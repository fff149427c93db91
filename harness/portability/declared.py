"""What Django declares for a column on a connection, asking no server: shared by the
report's column table, the comparisons and the offline catalog."""

from __future__ import annotations


def unquote(quoted: str) -> str:
    """An identifier without one layer of "double quotes" or `backticks`."""
    return quoted[1:-1] if quoted[:1] in ('"', "`") else quoted


def server_identifier(connection, name: str) -> str:
    """``name`` as the server stores it: quote_name truncates and (Oracle) upper-cases."""
    return unquote(connection.ops.quote_name(name))


def emits_null(connection, field) -> bool:
    """NULL or NOT NULL, as BaseDatabaseSchemaEditor._iter_column_sql decides: Oracle makes
    every column that may hold '' NULL-able, whatever ``null`` says."""
    return field.null or (
        field.empty_strings_allowed
        and not field.primary_key
        and connection.features.interprets_empty_strings_as_nulls
    )


def declared_column(connection, field) -> tuple[str | None, str | None]:
    """(db_type, CHECK) as Django emits them for this connection; never queries."""
    parameters = field.db_parameters(connection=connection)
    return parameters["type"], parameters["check"]
