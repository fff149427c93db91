"""Transactions: DDL rollback and schema_editor() in atomic(), isolation, row locking, and
seed 001's serialization retry."""

from __future__ import annotations

from django.db import models, transaction

from .base import DOCS, Probe, Table, same
from .context import EXPECTED_ERRORS, LOCK_WAIT_SECONDS, error_code, error_name, wait

OWNER = Table("Owner", {"name": models.CharField(max_length=20)})
ACCOUNT = Table("Account", {
    "name": models.CharField(max_length=20),
    "balance": models.IntegerField(default=0),
    "owner": models.ForeignKey("Owner", models.CASCADE, null=True),
})
SFU_DOCS = "https://docs.djangoproject.com/en/5.2/ref/models/querysets/#select-for-update"
COMPILER = "django/db/models/sql/compiler.py (as_sql: FOR UPDATE only where has_select_for_update)"
SEED_001 = "seed 001 (CockroachDB Django tutorial: retry_on_exception)"


class _Rollback(Exception):
    pass


def ddl_rollback(ctx):
    Ledger = ctx["Ledger"]
    with ctx.connection.schema_editor(collect_sql=True) as editor:
        editor.create_model(Ledger)
    try:
        with ctx.atomic(), ctx.cursor() as cursor:
            for statement in editor.collected_sql:
                cursor.execute(statement.rstrip().rstrip(";"))
            raise _Rollback
    except _Rollback:
        pass
    return "committed" if ctx.table_exists(Ledger) else "rolled back"


def schema_editor_in_atomic(ctx):
    Ledger = ctx["Ledger"]
    try:
        with ctx.atomic():
            with ctx.connection.schema_editor() as editor:
                editor.create_model(Ledger)
            raise _Rollback
    except _Rollback:
        pass
    except EXPECTED_ERRORS as exc:
        return error_name(exc)
    return "allowed, committed" if ctx.table_exists(Ledger) else "allowed, rolled back"


def default_isolation(ctx):
    if ctx.vendor == "oracle":
        return _isolation_by_behaviour(ctx)
    queries = {
        "postgresql": "SHOW transaction_isolation",
        "cockroachdb": "SHOW transaction_isolation",
        "mysql": "SELECT @@tx_isolation" if ctx.mariadb else "SELECT @@transaction_isolation",
        "sqlite": "PRAGMA read_uncommitted",
    }
    with ctx.atomic(), ctx.cursor() as cursor:
        cursor.execute(queries[ctx.vendor])
        level = cursor.fetchone()[0]
    if ctx.vendor == "sqlite":
        return "read uncommitted" if level else "serializable"
    return str(level).lower().replace("-", " ")


def _isolation_by_behaviour(ctx):
    """Whether a transaction sees a row another connection committed meanwhile."""
    Account = ctx["Account"]
    account = Account.objects.create(name="a", balance=1)
    with ctx.sessions(1) as (other,):
        with ctx.atomic():
            Account.objects.get(pk=account.pk)
            other.call(lambda: Account.objects.filter(pk=account.pk).update(balance=2))
            seen = Account.objects.get(pk=account.pk).balance
    return "read committed" if seen == 2 else "serializable"


def autocommit_lock(ctx):
    Account = ctx["Account"]
    Account.objects.create(name="a")
    try:
        list(Account.objects.select_for_update())
    except EXPECTED_ERRORS as exc:
        return error_name(exc)
    return "ignored"


def _compiled(ctx, queryset) -> str:
    return queryset.query.get_compiler(using=ctx.alias).as_sql()[0].upper()


def _lock_clause(marker: str, related: bool, **options):
    def action(ctx):
        Account, Owner = ctx["Account"], ctx["Owner"]
        Account.objects.create(name="a", owner_id=Owner.objects.create(name="o").pk)

        def lock():
            qs = Account.objects.select_for_update(**options)
            # PostgreSQL refuses to lock the nullable side of an outer join: lock only
            # the account's row when a related table is joined.
            qs = qs.select_related("owner") if related else qs
            sql = _compiled(ctx, qs)
            list(qs)
            if "FOR " not in sql:
                return "ignored"
            return "locks" if marker in sql else f"locks without {marker}"

        return ctx.outcome(lock)

    return action


def _second_connection(pick, options: dict):
    """The row with the lowest pk is locked here; another connection then tries ``options``."""

    def action(ctx):
        Account = ctx["Account"]
        first = Account.objects.create(name="locked")
        Account.objects.create(name="free")

        def attempt():
            with transaction.atomic(using=ctx.alias):
                qs = Account.objects.select_for_update(**options).order_by("pk")
                sql = _compiled(ctx, qs)
                names = pick(qs)
            return "ignored" if "FOR " not in sql else names

        with ctx.sessions(1) as (other,):
            with ctx.atomic():
                list(Account.objects.select_for_update().filter(pk=first.pk))
                future = other.submit(attempt)
                blocked = wait(future)
            # Committed: a blocked attempt gets its rows now and ends.
            if blocked:
                return "blocked"
            try:
                return future.result(timeout=LOCK_WAIT_SECONDS * 2)
            except EXPECTED_ERRORS as exc:
                return error_name(exc)

    return action


def _nowait_pick(qs):
    list(qs)
    return "returns locked row"


def _skip_locked_pick(qs):
    names = [a.name for a in qs]
    return {("free",): "skips locked row", ("locked", "free"): "returns locked row"}.get(
        tuple(names), ",".join(names)
    )


def serializable_retry(ctx):
    """Seed 001's write skew: two SERIALIZABLE transactions each count, then insert."""
    Order = ctx["Order"]

    def steps(session, label):
        return [
            session.begin,
            lambda: Order.objects.count(),
            lambda: Order.objects.create(label=label),
            session.commit,
        ]

    with ctx.sessions(2, isolation="serializable") as (a, b):
        plan_a, plan_b = steps(a, "a"), steps(b, "b")
        futures = []
        for step_a, step_b in zip(plan_a, plan_b):  # interleaved: a1 b1 a2 b2 ...
            for session, step in ((a, step_a), (b, step_b)):
                futures.append(session.submit(step))
                wait(futures[-1])
        for future in futures:
            wait(future, LOCK_WAIT_SECONDS * 2)
        losers = [s for s in (a, b) if s.failed is not None]
        if not losers:
            return "no conflict"
        first = losers[0].failed
        if not isinstance(first, EXPECTED_ERRORS):
            raise first
        for session in losers:  # the retry loop of seed 001, once
            session.submit(session.rollback, always=True).result(timeout=LOCK_WAIT_SECONDS)
            session.submit(session.begin, always=True).result(timeout=LOCK_WAIT_SECONDS)
            for step in steps(session, "retry")[1:]:
                session.call(step)
    retried = Order.objects.filter(label="retry").count() == len(losers)
    outcome = f"{error_name(first)} {error_code(first)}".strip()
    return f"{outcome}; retry {'commits' if retried else 'fails'}"


PROBES = [
    Probe(
        "txn-ddl-rollback",
        "Is a CREATE TABLE inside atomic() undone when the transaction rolls back?",
        # MySQL, MariaDB and Oracle commit implicitly around DDL.
        same("rolled back", mysql="committed", oracle="committed"),
        "django/db/backends/*/features.py (can_rollback_ddl); "
        "https://dev.mysql.com/doc/refman/8.0/en/implicit-commit.html",
        ddl_rollback,
        (Table("Ledger", {"entry": models.CharField(max_length=20)}, create=False),),
    ),
    Probe(
        "txn-schema-editor-atomic",
        "May schema_editor() run inside atomic(), and does a rollback undo its CREATE TABLE?",
        # SQLite cannot turn foreign-key checks off inside a transaction, so Django's
        # schema editor refuses on entry. Where features.can_rollback_ddl is False (MySQL,
        # MariaDB, Oracle, and CockroachDB by django_cockroachdb's choice) its execute()
        # refuses every statement inside atomic(), though raw DDL runs (txn-ddl-rollback).
        same("TransactionManagementError", sqlite="NotSupportedError",
             postgresql="allowed, rolled back"),
        "django/db/backends/sqlite3/schema.py (DatabaseSchemaEditor.__enter__: 'SQLite schema "
        "editor cannot be used while foreign key constraint checks are enabled'); "
        "django/db/backends/base/schema.py (BaseDatabaseSchemaEditor.execute: 'Executing DDL "
        "statements while in a transaction on databases that can't perform a rollback is "
        "prohibited'); django_cockroachdb/features.py (can_rollback_ddl = False)",
        schema_editor_in_atomic,
        (Table("Ledger", {"entry": models.CharField(max_length=20)}, create=False),),
    ),
    Probe(
        "txn-default-isolation",
        "What isolation level does a Django transaction run at by default?",
        # Django sets READ COMMITTED on MySQL/MariaDB; CockroachDB defaults to SERIALIZABLE.
        same("read committed", sqlite="serializable", cockroachdb="serializable"),
        f"{DOCS}#isolation-level; {DOCS}#mysql-isolation-level",
        default_isolation,
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-sfu-autocommit",
        "What does select_for_update() do outside a transaction?",
        same("TransactionManagementError", sqlite="ignored"),
        f"{SFU_DOCS}; {COMPILER}",
        autocommit_lock,
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-sfu-nowait",
        "Does select_for_update(nowait=True) fail at once on a row another connection locked?",
        # ORA-00054 is not among the codes python-oracledb maps to a narrower class.
        same("OperationalError", sqlite="ignored", oracle="DatabaseError"),
        f"{SFU_DOCS}; " + DOCS + "#row-locking-with-queryset-select-for-update",
        _second_connection(_nowait_pick, {"nowait": True}),
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-sfu-skip-locked",
        "Does select_for_update(skip_locked=True) skip a row another connection locked?",
        {**same("skips locked row", sqlite="ignored"),
         "mariadb": "NotSupportedError", "mariadb>=10.6": "skips locked row"},
        f"{SFU_DOCS}; django/db/backends/mysql/features.py (has_select_for_update_skip_locked)",
        _second_connection(_skip_locked_pick, {"skip_locked": True}),
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-sfu-of",
        "Does select_for_update(of=('self',)) work with select_related()?",
        same("locks", sqlite="ignored", mariadb="NotSupportedError"),
        f"{SFU_DOCS}; django/db/backends/mysql/features.py (has_select_for_update_of)",
        _lock_clause("FOR UPDATE OF", True, of=("self",)),
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-sfu-no-key",
        "Does select_for_update(no_key=True) take a FOR NO KEY UPDATE lock?",
        same("NotSupportedError", sqlite="ignored", postgresql="locks", cockroachdb="locks"),
        f"{SFU_DOCS}; django/db/backends/postgresql/features.py (has_select_for_no_key_update)",
        _lock_clause("FOR NO KEY UPDATE", False, no_key=True),
        (OWNER, ACCOUNT),
    ),
    Probe(
        "txn-serializable-retry",
        "Under SERIALIZABLE, two transactions each count rows then insert (write skew): "
        "what error does the loser get, and does one retry commit?",
        # Seed 001 catches IntegrityError, but Django raises serialization failures
        # (SQLSTATE 40001) as OperationalError; InnoDB reports a deadlock instead.
        same("OperationalError 40001; retry commits", sqlite="OperationalError locked; "
             "retry commits", mysql="OperationalError 1213; retry commits",
             oracle="no conflict"),
        f"{SEED_001}; " + DOCS + "#isolation-level; "
        "https://www.postgresql.org/docs/current/transaction-iso.html#XACT-SERIALIZABLE",
        serializable_retry,
        (Table("Order", {"label": models.CharField(max_length=20)}),),
    ),
]
