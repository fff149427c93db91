"""JSON: containment, key lookups and primitives at the top level of a JSONField."""

from __future__ import annotations

from django.db import models

from .base import Probe, Table, same

DOC = Table("Doc", {"data": models.JSONField(null=True)})
JSON_DOCS = "https://docs.djangoproject.com/en/5.2/topics/db/queries/"


def contains(ctx):
    Doc = ctx["Doc"]
    Doc.objects.create(data={"symbol": "TSLA", "tags": ["ev", "auto"], "price": 650})
    Doc.objects.create(data={"symbol": "ORCL", "tags": ["db"]})
    return ctx.outcome(lambda: (
        "matches" if Doc.objects.filter(data__contains={"tags": ["ev"]}).count() == 1
        else "no match"
    ))


def key_lookup(ctx):
    Doc = ctx["Doc"]
    Doc.objects.create(data={"quote": {"symbol": "TSLA", "price": 650}})
    Doc.objects.create(data={"quote": {"symbol": "ORCL", "price": 90}})
    found = Doc.objects.filter(data__quote__price__gt=100, data__quote__symbol="TSLA")
    return "matches" if found.count() == 1 else "no match"


def top_level_primitive(ctx):
    Doc = ctx["Doc"]

    def store():
        doc = Doc.objects.create(data=5)
        back = Doc.objects.get(pk=doc.pk).data
        return "round-trips" if back == 5 and Doc.objects.filter(data=5).exists() else "changed"

    return ctx.outcome(store)


PROBES = [
    Probe(
        "json-contains",
        "Does JSONField `contains` ({'tags': ['ev']}) work?",
        same("matches", sqlite="NotSupportedError", oracle="NotSupportedError"),
        JSON_DOCS + "#std-fieldlookup-jsonfield.contains",
        contains,
        (DOC,),
    ),
    Probe(
        "json-key-lookup",
        "Do nested key lookups (data__quote__price__gt) work?",
        same("matches"),
        JSON_DOCS + "#key-index-and-path-transforms",
        key_lookup,
        (DOC,),
    ),
    Probe(
        "json-top-level-primitive",
        "Can a JSONField hold a bare number (5) at the top level?",
        # Oracle before 21c accepts only objects and arrays under IS JSON.
        {**same("round-trips", oracle="IntegrityError"), "oracle>=21": "round-trips"},
        "django/db/backends/oracle/features.py (supports_primitives_in_json_field)",
        top_level_primitive,
        (DOC,),
    ),
]
