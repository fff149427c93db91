"""What the migration state says the schema is, on one connection: the snapshot shape of
schema.py, built from the state's models the way Django's schema editor would create them.

Types are db_type for the connection, NULL as the editor emits it, a default only where a
field has db_default; which indexes and constraints exist is asked of the connection's own
schema editor wherever Django decides per backend (MySQL's implicit FK indexes, PostgreSQL's
``_like`` indexes, constraints a backend cannot create).
"""

from __future__ import annotations

from django.db.models import CheckConstraint, NOT_PROVIDED, UniqueConstraint

from ..declared import declared_column, emits_null, server_identifier


def expected_schema(state, connection, app_labels) -> dict:
    """{table: {"app", "model", "columns", "constraints"}} for the models of ``app_labels``
    in ``state`` (a ProjectState) that Django creates tables for."""
    editor = connection.schema_editor(collect_sql=True, atomic=False)
    editor.deferred_sql = []  # as __enter__ sets it: constraint_sql may defer a statement
    tables = {}
    for model in state.apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.app_label not in app_labels or not meta.managed or meta.proxy or meta.swapped:
            continue
        table = server_identifier(connection, meta.db_table)
        tables[table] = {"app": meta.app_label, "model": meta.object_name,
                         "columns": _columns(connection, model),
                         "constraints": _constraints(connection, editor, model)}
    return tables


def _columns(connection, model) -> dict:
    columns = {}
    for field in model._meta.local_concrete_fields:
        declared, _check = declared_column(connection, field)
        if declared is None:
            continue
        has_default = getattr(field, "db_default", NOT_PROVIDED) is not NOT_PROVIDED
        columns[server_identifier(connection, field.column)] = {
            "type": declared, "null": emits_null(connection, field),
            "default": "(db_default)" if has_default else None}
    return columns


def _entry(kind, columns, name=None, references=None) -> dict:
    return {"name": name, "kind": kind, "columns": list(columns), "references": references}


def _constraints(connection, editor, model) -> list[dict]:
    meta = model._meta
    column = lambda name: server_identifier(connection, meta.get_field(name).column)  # noqa: E731
    found = []
    pk_columns = [server_identifier(connection, f.column) for f in getattr(meta, "pk_fields", [meta.pk])]
    found.append(_entry("primary key", pk_columns))
    for field in meta.local_concrete_fields:
        if field.db_parameters(connection=connection)["type"] is None:
            continue
        col = server_identifier(connection, field.column)
        if field.unique and not field.primary_key:
            found.append(_entry("unique", [col]))
        if field.db_parameters(connection=connection)["check"]:
            found.append(_entry("check", [col]))
        if field.remote_field and field.db_constraint and connection.features.supports_foreign_keys:
            target = field.target_field
            found.append(_entry("foreign key", [col], references=(
                f"{server_identifier(connection, target.model._meta.db_table)}."
                f"{server_identifier(connection, target.column)}")))
        if _indexed(editor, model, field):
            found.append(_entry("index", [col]))
        like = getattr(editor, "_create_like_index_sql", None)
        if like is not None and like(model, field) is not None:
            found.append(_entry("index", [col]))  # PostgreSQL's varchar_pattern_ops index
    for fields in meta.unique_together:
        found.append(_entry("unique", [column(f) for f in fields]))
    for constraint in meta.constraints:
        if constraint.constraint_sql(model, editor) is None and constraint.create_sql(model, editor) is None:
            continue  # the backend cannot create it: Django skips it
        if isinstance(constraint, UniqueConstraint):
            found.append(_entry("unique", [column(f) for f in constraint.fields],
                                server_identifier(connection, constraint.name)))
        elif isinstance(constraint, CheckConstraint):
            if connection.features.supports_table_check_constraints:
                found.append(_entry("check", [], server_identifier(connection, constraint.name)))
    for index in meta.indexes:
        if index.contains_expressions and not connection.features.supports_expression_indexes:
            continue
        found.append(_entry("index", [column(f.lstrip("-")) for f in index.fields],
                            server_identifier(connection, index.name)))
    return found


def _indexed(editor, model, field) -> bool:
    try:
        return editor._field_should_be_indexed(model, field)
    except Exception:  # MySQL asks the table's storage engine: no table, no index either
        return False
