"""Index and constraint rules: options that some backends ignore or answer by not creating.

What Django does with each option where a feature is missing (base schema editor,
``_unique_supported`` and ``_index_include_sql``): a UniqueConstraint is not created at all;
an Index loses its condition or INCLUDE columns, or (with expressions) is not created.
"""

from __future__ import annotations

from django.db import models

from .rules import finding, keys
from .targets import names

_NOT_CREATED = "it is not created at all, so uniqueness is not enforced there"


def _declared(model):
    """(object, description, is_unique_constraint) for Meta.indexes and UniqueConstraints."""
    opts = model._meta
    found = [(i, f"Index {i.name!r}", False) for i in opts.indexes]
    found += [(c, f"UniqueConstraint {c.name!r}", True)
              for c in opts.constraints if isinstance(c, models.UniqueConstraint)]
    return found


def _option_rule(id, option, feature, index_effect, hint):
    """A rule for one Index/UniqueConstraint option that needs one feature."""

    def rule(model, backends):
        for obj, what, unique in _declared(model):
            uses = option(obj)
            if not uses or (unique is False and index_effect is None):
                continue
            targets = [b for b in backends if not b.feature(feature)]
            if targets:
                effect = _NOT_CREATED if unique else index_effect
                yield finding(
                    id, model, targets,
                    f"{what} uses {uses}, which {names(targets)} do not support: {effect}.",
                    hint,
                )

    rule.__name__ = rule.__qualname__ = f"rule_{id.rsplit('.', 1)[1]}"
    rule.__doc__ = f"{id}: {feature} is missing."
    return rule


partial_index = _option_rule(
    "portability.W009",
    lambda o: "condition=" if o.condition is not None else None,
    "supports_partial_indexes",
    "the condition is ignored and a full index over every row is created",
    "Where the rows matter, enforce the rule in code or with a trigger on these targets; "
    "a unique column that allows NULL covers the common 'unique when set' case everywhere.",
)

nulls_distinct = _option_rule(
    "portability.W010",
    lambda o: (f"nulls_distinct={o.nulls_distinct}"
               if getattr(o, "nulls_distinct", None) is not None else None),
    "supports_nulls_distinct_unique_constraints",
    None,
    "Drop nulls_distinct (the backends' default lets NULLs repeat) and validate the NULL "
    "case in code, or require PostgreSQL 15+ for this model (required_db_features).",
)

expression_index = _option_rule(
    "portability.W011",
    lambda o: "expressions" if o.contains_expressions else None,
    "supports_expression_indexes",
    "the index is not created at all",
    "Index a column that stores the expression's value (e.g. a GeneratedField with "
    "db_persist=True) on these targets, or accept slower queries there.",
)

covering_index = _option_rule(
    "portability.W012",
    lambda o: "include=" if o.include else None,
    "supports_covering_indexes",
    "the INCLUDE columns are dropped and the index is not covering",
    "Put the included columns in the key itself if the queries need them, or accept that "
    "the index is not covering there.",
)

deferrable_unique = _option_rule(
    "portability.W015",
    lambda o: f"deferrable={o.deferrable}" if getattr(o, "deferrable", None) else None,
    "supports_deferrable_unique_constraints",
    None,
    "Avoid relying on deferred checking (reorder the writes instead), or keep a plain "
    "UniqueConstraint without deferrable for these targets.",
)


def upsert_targets(model, backends):
    """W014: bulk_create(update_conflicts=True) differs on a model with extra unique keys."""
    extra = [k for k in keys(model) if k.unique and k.what != "the primary key"]
    if not extra:
        return
    listed = ", ".join(sorted({", ".join(f.name for f in k.fields) if len(k.fields) == 1
                               else "(" + ", ".join(f.name for f in k.fields) + ")"
                               for k in extra}))
    none = [b for b in backends if not b.feature("supports_update_conflicts")]
    untargeted = [b for b in backends if b.feature("supports_update_conflicts")
                  and not b.feature("supports_update_conflicts_with_target")]
    if none:
        yield finding(
            "portability.W014", model, none,
            f"{model.__name__} has unique keys besides the primary key ({listed}), but "
            f"bulk_create(update_conflicts=True) raises NotSupportedError on {names(none)}.",
            "Upsert with update_or_create() in a loop, or select-then-update, on these targets.",
        )
    if untargeted:
        yield finding(
            "portability.W014", model, untargeted,
            f"{model.__name__} has unique keys besides the primary key ({listed}): on "
            f"{names(untargeted)} bulk_create(update_conflicts=True) cannot name unique_fields "
            "(ON DUPLICATE KEY UPDATE fires on a conflict with any unique key).",
            "Call bulk_create without unique_fields when connection.features."
            "supports_update_conflicts_with_target is false, and check that a conflict on any "
            "of these keys may update the row.",
        )


RULES = (partial_index, nulls_distinct, expression_index, covering_index, deferrable_unique,
         upsert_targets)
