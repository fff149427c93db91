"""Ordering: where NULLs sort, and the portable way to pin them."""

from __future__ import annotations

from django.db import models
from django.db.models import F

from .base import Probe, Table, same

SCORE = Table("Score", {"points": models.IntegerField(null=True)})
FEATURES = "django/db/backends/{}/features.py (nulls_order_largest, order_by_nulls_first)"


def _nulls(ordering):
    def action(ctx):
        Score = ctx["Score"]
        Score.objects.bulk_create([Score(points=1), Score(points=None), Score(points=2)])
        values = list(Score.objects.order_by(ordering).values_list("points", flat=True))
        if values[0] is None:
            return "nulls first"
        return "nulls last" if values[-1] is None else "nulls between"

    return action


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
]
