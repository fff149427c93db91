"""Ordering: where NULLs sort, the portable way to pin them, and DISTINCT ON."""

from __future__ import annotations

from django.db import models
from django.db.models import F

from .base import Probe, Table, same

SCORE = Table("Score", {"points": models.IntegerField(null=True)})
FEATURES = "django/db/backends/{}/features.py (nulls_order_largest, order_by_nulls_first)"
EXPRESSION_DOCS = ("https://docs.djangoproject.com/en/5.2/ref/models/expressions/"
                   "#django.db.models.Expression.{}")
# MySQL and MariaDB have no NULLS FIRST/LAST: Django sorts on "col IS NULL" first.
EMULATED = ("django/db/models/expressions.py (OrderBy.as_sql); django/db/backends/mysql/"
            "features.py (supports_order_by_nulls_modifier = False)")


def _nulls(ordering):
    def action(ctx):
        Score = ctx["Score"]
        Score.objects.bulk_create([Score(points=1), Score(points=None), Score(points=2)])
        values = list(Score.objects.order_by(ordering).values_list("points", flat=True))
        if values[0] is None:
            return "nulls first"
        return "nulls last" if values[-1] is None else "nulls between"

    return action


def distinct_on(ctx):
    Score = ctx["Score"]
    rows = [("a", 1), ("a", 3), ("b", 2), ("b", None)]
    Score.objects.bulk_create([Score(kind=kind, points=points) for kind, points in rows])

    def best_of_each():
        ordered = Score.objects.order_by("kind", F("points").desc(nulls_last=True))
        found = list(ordered.distinct("kind").values_list("kind", "points"))
        return "one row per kind" if found == [("a", 3), ("b", 2)] else f"rows {found}"

    return ctx.outcome(best_of_each)


PROBES = [
    Probe(
        "ord-nulls-asc",
        "Where do NULLs sort in an ascending order_by()?",
        same("nulls last", sqlite="nulls first", mysql="nulls first",
             cockroachdb="nulls first"),
        FEATURES.format("base") + "; django_cockroachdb/features.py (nulls_order_largest)",
        _nulls("points"),
        (SCORE,),
    ),
    Probe(
        "ord-nulls-desc",
        "Where do NULLs sort in a descending order_by()?",
        same("nulls first", sqlite="nulls last", mysql="nulls last",
             cockroachdb="nulls last"),
        FEATURES.format("base") + "; django_cockroachdb/features.py (nulls_order_largest)",
        _nulls("-points"),
        (SCORE,),
    ),
    Probe(
        "ord-nulls-last-explicit",
        "Does F().asc(nulls_last=True) put NULLs last on every backend?",
        same("nulls last"),
        "https://docs.djangoproject.com/en/5.2/ref/models/expressions/"
        "#django.db.models.Expression.asc",
        _nulls(F("points").asc(nulls_last=True)),
        (SCORE,),
    ),
    Probe(
        "ord-nulls-first-explicit",
        "Does F().asc(nulls_first=True) put NULLs first on every backend?",
        same("nulls first"),
        EXPRESSION_DOCS.format("asc") + "; " + EMULATED,
        _nulls(F("points").asc(nulls_first=True)),
        (SCORE,),
    ),
    Probe(
        "ord-desc-nulls-last-explicit",
        "Does F().desc(nulls_last=True) put NULLs last on every backend?",
        same("nulls last"),
        EXPRESSION_DOCS.format("desc") + "; " + EMULATED,
        _nulls(F("points").desc(nulls_last=True)),
        (SCORE,),
    ),
    Probe(
        "ord-desc-nulls-first-explicit",
        "Does F().desc(nulls_first=True) put NULLs first on every backend?",
        same("nulls first"),
        EXPRESSION_DOCS.format("desc") + "; " + EMULATED,
        _nulls(F("points").desc(nulls_first=True)),
        (SCORE,),
    ),
    Probe(
        "ord-distinct-on",
        "Does .distinct('kind') (DISTINCT ON) return the first row of each kind?",
        same("NotSupportedError", postgresql="one row per kind", cockroachdb="one row per kind"),
        "https://docs.djangoproject.com/en/5.2/ref/models/querysets/#distinct; "
        "django/db/backends/postgresql/features.py (can_distinct_on_fields)",
        distinct_on,
        (Table("Score", {"kind": models.CharField(max_length=5),
                         "points": models.IntegerField(null=True)}),),
    ),
]
