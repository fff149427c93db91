"""Upserts (seed 004's bulk ingest): bulk_create() with ignore_conflicts / update_conflicts."""

from __future__ import annotations

from django.db import models

from .base import Probe, Table, same

BULK_DOCS = "https://docs.djangoproject.com/en/5.2/ref/models/querysets/#bulk-create"
CHECKS = "django/db/models/query.py (QuerySet._check_bulk_create_options)"
QUOTE = Table("Quote", {
    "symbol": models.CharField(max_length=10, unique=True),
    "price": models.IntegerField(),
})


def _seeded(ctx):
    Quote = ctx["Quote"]
    existing = Quote.objects.create(symbol="TSLA", price=650)
    return Quote, existing, [Quote(symbol="TSLA", price=652), Quote(symbol="ORCL", price=90)]


def _prices(Quote) -> dict:
    return dict(Quote.objects.values_list("symbol", "price"))


def ignore_conflicts(ctx):
    Quote, _, batch = _seeded(ctx)
    error = ctx.error_of(lambda: Quote.objects.bulk_create(batch, ignore_conflicts=True))
    if error:
        return error
    skipped = _prices(Quote) == {"TSLA": 650, "ORCL": 90}
    pks = "pks set" if all(q.pk for q in batch) else "no pks"
    return f"{'skips duplicates' if skipped else 'changed existing'}; {pks}"


def _update(with_unique_fields: bool):
    def action(ctx):
        Quote, _, batch = _seeded(ctx)
        options = {"unique_fields": ["symbol"]} if with_unique_fields else {}
        error = ctx.error_of(lambda: Quote.objects.bulk_create(
            batch, update_conflicts=True, update_fields=["price"], **options
        ))
        if error:
            return error
        return "updates" if _prices(Quote) == {"TSLA": 652, "ORCL": 90} else "no update"

    return action


def update_conflicts_pks(ctx):
    Quote, existing, batch = _seeded(ctx)
    # Each backend the way it accepts: with unique_fields where it can target them.
    needs_target = ctx.connection.features.supports_update_conflicts_with_target
    options = {"unique_fields": ["symbol"]} if needs_target else {}
    error = ctx.error_of(lambda: Quote.objects.bulk_create(
        batch, update_conflicts=True, update_fields=["price"], **options
    ))
    if error:
        return error
    if all(q.pk is None for q in batch):
        return "no pks"
    stored = dict(Quote.objects.values_list("symbol", "pk"))
    right = batch[0].pk == existing.pk and {q.symbol: q.pk for q in batch} == stored
    return "returns pks" if right else "wrong pks"


PROBES = [
    Probe(
        "ups-ignore-conflicts",
        "Does bulk_create(ignore_conflicts=True) skip a duplicate, and are pks set?",
        same("skips duplicates; no pks", oracle="NotSupportedError"),
        f"{BULK_DOCS}; django/db/backends/oracle/features.py (supports_ignore_conflicts)",
        ignore_conflicts,
        (QUOTE,),
    ),
    Probe(
        "ups-update-conflicts-unique-fields",
        "Does bulk_create(update_conflicts=True, unique_fields=[...]) update the duplicate?",
        same("updates", mysql="NotSupportedError", oracle="NotSupportedError"),
        f"{BULK_DOCS}; {CHECKS}; features.supports_update_conflicts_with_target",
        _update(True),
        (QUOTE,),
    ),
    Probe(
        "ups-update-conflicts-no-unique-fields",
        "Does bulk_create(update_conflicts=True) without unique_fields update the duplicate?",
        same("ValueError", mysql="updates", oracle="NotSupportedError"),
        f"{BULK_DOCS}; {CHECKS}",
        _update(False),
        (QUOTE,),
    ),
    Probe(
        "ups-update-conflicts-pks",
        "After bulk_create(update_conflicts=True), are the objects' pks set (the existing "
        "row's for the duplicate)?",
        {
            "sqlite": "no pks", "sqlite>=3.35": "returns pks", "postgresql": "returns pks",
            "mysql": "no pks", "mariadb": "returns pks", "oracle": "NotSupportedError",
            "cockroachdb": "returns pks",
        },
        f"{BULK_DOCS} (Django 5.0: pks set with update_conflicts where "
        "can_return_rows_from_bulk_insert)",
        update_conflicts_pks,
        (QUOTE,),
    ),
]
