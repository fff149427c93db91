"""The portability lint: each warning from a model written to trigger it, on the right targets.

Models live in a private app registry ("tests_lint") so they never join the project's apps.
No test touches a database: pytest-django would refuse.
"""

from io import StringIO

import pytest
from django.core.checks import run_checks
from django.core import checks
from django.core.management import call_command
from django.db import models
from django.db.models.functions import Lower
from django.test.utils import isolate_apps, override_settings

from harness.portability.lint import check_portability, lint_messages, lint_rows
from harness.portability.lint import targets as lint_targets
from harness.portability.profiles import PROFILES, UnknownName

ALL = list(PROFILES)
SQLITE = ["sqlite"]
PG = ["postgresql-14", "postgresql-15", "postgresql-16", "postgresql-17", "postgresql-18"]
MYSQL = ["mysql-8.0", "mysql-8.4", "mariadb-10.11", "mariadb-11.4"]
MARIADB = ["mariadb-10.11", "mariadb-11.4"]
ORACLE = ["oracle-19", "oracle-23"]
CRDB = ["cockroachdb-25"]



def meta(**options):
    return type("Meta", (), {"app_label": "tests_lint", **options})


with isolate_apps():  # a private, empty registry
    class Clean(models.Model):
        count = models.IntegerField()
        flag = models.BooleanField(default=False)
        moment = models.DateTimeField()
        title = models.CharField(max_length=100, null=True, db_index=True)
        Meta = meta(indexes=[models.Index(fields=["count", "moment"], name="clean_count")])

    class CleanChild(models.Model):
        parent = models.ForeignKey(Clean, on_delete=models.CASCADE)
        ratio = models.FloatField()
        Meta = meta()

    class LongKey(models.Model):
        code = models.CharField(max_length=769, unique=True, null=True)
        fits = models.CharField(max_length=768, unique=True, null=True)
        first = models.CharField(max_length=500, null=True)
        second = models.CharField(max_length=400, null=True)
        Meta = meta(indexes=[models.Index(fields=["first", "second"], name="long_pair")])

    class Lob(models.Model):
        body = models.TextField(unique=True, null=True)
        document = models.JSONField(db_index=True, null=True)
        Meta = meta()

    class Names(models.Model):
        thirty_one = models.IntegerField(db_column="a_column_name_of_31_characters_")
        sixty_four = models.IntegerField(db_column="c" * 64)
        seventy = models.IntegerField(db_column="d" * 70)
        Meta = meta(db_table="tests_lint_a_table_name_over_thirty")

    class Reserved(models.Model):
        date = models.DateField()
        number = models.IntegerField()
        Meta = meta()

    class EmptyStrings(models.Model):
        label = models.CharField(max_length=20)
        code = models.CharField(max_length=20, unique=True)
        note = models.CharField(max_length=20, null=True)
        Meta = meta()

    class Money(models.Model):
        price = models.DecimalField(max_digits=12, decimal_places=2)
        Meta = meta()

    class Document(models.Model):
        data = models.JSONField()
        Meta = meta()

    class Partial(models.Model):
        score = models.IntegerField()
        owner = models.IntegerField(null=True)
        Meta = meta(
            indexes=[models.Index(fields=["score"], condition=models.Q(score__gt=0),
                                  name="partial_score")],
            constraints=[models.UniqueConstraint(fields=["owner"], name="partial_owner",
                                                 condition=models.Q(score__gt=0))],
        )

    class NullsDistinct(models.Model):
        owner = models.IntegerField(null=True)
        Meta = meta(constraints=[models.UniqueConstraint(
            fields=["owner"], name="owner_nd", nulls_distinct=False)])

    class Expression(models.Model):
        slug = models.CharField(max_length=50, null=True)
        Meta = meta(indexes=[models.Index(Lower("slug"), name="slug_lower")])

    class Covering(models.Model):
        score = models.IntegerField()
        owner = models.IntegerField()
        Meta = meta(indexes=[models.Index(fields=["score"], include=["owner"],
                                          name="score_cover")])

    class Commented(models.Model):
        score = models.IntegerField(db_comment="points so far")
        Meta = meta(db_table_comment="scores")

    class Upsert(models.Model):
        sku = models.IntegerField(unique=True)
        Meta = meta()

    class Deferred(models.Model):
        rank = models.IntegerField()
        Meta = meta(constraints=[models.UniqueConstraint(
            fields=["rank"], name="rank_deferred", deferrable=models.Deferrable.DEFERRED)])

    class Unlimited(models.Model):
        tag = models.CharField(null=True)
        Meta = meta()

    class Wide(models.Model):
        summary = models.CharField(max_length=3000, null=True)
        essay = models.CharField(max_length=20000, null=True)
        Meta = meta()

    class Handle(models.Model):
        handle = models.CharField(max_length=30, unique=True, null=True)
        Meta = meta()

    class Ordered(models.Model):
        body = models.TextField(null=True)
        Meta = meta(ordering=["-body"])

    class Generated(models.Model):
        base = models.IntegerField()
        stored = models.GeneratedField(expression=models.F("base") + 1,
                                       output_field=models.IntegerField(), db_persist=True)
        virtual = models.GeneratedField(expression=models.F("base") + 2,
                                        output_field=models.IntegerField(), db_persist=False)
        Meta = meta()


def rows(model, targets=ALL):
    return lint_rows(models=[model], targets=targets)


def found(model, targets=ALL):
    """{(id, obj, targets)} of one model's rows."""
    return {(r.id, r.obj, tuple(r.targets)) for r in rows(model, targets)}


def ids(model, targets=ALL):
    return {r.id for r in rows(model, targets)}


def test_clean_models_trigger_nothing():
    assert rows(Clean) == []
    assert rows(CleanChild) == []


def test_w001_innodb_key_limit():
    assert ids(LongKey) == {"portability.W001", "portability.W018", "portability.W014"}
    w001 = {(obj, t) for i, obj, t in found(LongKey) if i == "portability.W001"}
    assert w001 == {("tests_lint.LongKey.code", tuple(MYSQL)),
                    ("tests_lint.LongKey", tuple(MYSQL))}
    (pair,) = [r for r in rows(LongKey) if r.id == "portability.W001" and r.obj.count(".") == 1]
    assert "3600 bytes" in pair.message and "'long_pair'" in pair.message
    assert "mysql-8.0" in pair.message and "mariadb-11.4" in pair.message


def test_w002_lob_keys():
    w002 = {(obj, t) for i, obj, t in found(Lob) if i == "portability.W002"}
    assert w002 == {("tests_lint.Lob.body", tuple(MYSQL + ORACLE)),
                    ("tests_lint.Lob.document", tuple(MYSQL + ORACLE))}
    (body,) = [r for r in rows(Lob) if r.obj == "tests_lint.Lob.body" and r.id.endswith("W002")]
    assert "longtext on mysql-8.0" in body.message and "NCLOB on oracle-19" in body.message


def test_w003_w004_identifier_lengths():
    got = {r for r in found(Names) if r[0] in ("portability.W003", "portability.W004")}
    assert got == {
        ("portability.W003", "tests_lint.Names", tuple(ORACLE)),
        ("portability.W003", "tests_lint.Names.thirty_one", tuple(ORACLE)),
        ("portability.W003", "tests_lint.Names.sixty_four", tuple(ORACLE)),
        ("portability.W003", "tests_lint.Names.seventy", tuple(ORACLE)),
        ("portability.W004", "tests_lint.Names.sixty_four", tuple(PG)),
        ("portability.W004", "tests_lint.Names.seventy", tuple(PG)),
        ("portability.W004", "tests_lint.Names.sixty_four", tuple(CRDB)),
        ("portability.W004", "tests_lint.Names.seventy", tuple(CRDB)),
        ("portability.W004", "tests_lint.Names.seventy", tuple(MYSQL)),
    }
    table = next(r for r in rows(Names) if r.obj == "tests_lint.Names")
    assert "TESTS_LINT_A_TABLE_NAME_OV" in table.message  # the name Oracle really gets
    assert [r.targets for r in lint_rows(models=[Names], targets=["postgresql-15"])] == [
        ["postgresql-15"], ["postgresql-15"]]


def test_w005_oracle_reserved_words():
    assert found(Reserved) == {
        ("portability.W005", "tests_lint.Reserved.date", tuple(ORACLE)),
        ("portability.W005", "tests_lint.Reserved.number", tuple(ORACLE)),
    }


def test_w006_empty_strings_on_oracle():
    w006 = {r for r in found(EmptyStrings) if r[0] == "portability.W006"}
    assert w006 == {("portability.W006", "tests_lint.EmptyStrings", tuple(ORACLE))}
    (row,) = [r for r in rows(EmptyStrings) if r.id == "portability.W006"]
    assert "(label, code)" in row.message and "note" not in row.message
    assert "unique ones (code)" in row.message


def test_w007_decimal_on_sqlite():
    assert found(Money) == {("portability.W007", "tests_lint.Money.price", ("sqlite",))}


def test_w008_json_contains():
    assert found(Document) == {
        ("portability.W008", "tests_lint.Document.data", tuple(SQLITE + ORACLE))
    }


def test_w009_partial_indexes():
    w009 = [r for r in rows(Partial) if r.id == "portability.W009"]
    assert [(r.obj, r.targets) for r in w009] == [("tests_lint.Partial", MYSQL + ORACLE)] * 2
    messages = " ".join(r.message for r in w009)
    assert "full index over every row" in messages and "not created at all" in messages


def test_w010_nulls_distinct():
    assert found(NullsDistinct) >= {
        ("portability.W010", "tests_lint.NullsDistinct",
         tuple(SQLITE + ["postgresql-14"] + MYSQL + ORACLE + CRDB)),
    }
    # PostgreSQL 15+ supports it.
    assert "portability.W010" not in ids(NullsDistinct, ["postgresql-15", "postgresql-17"])


def test_w011_expression_indexes_on_mariadb():
    assert found(Expression) == {("portability.W011", "tests_lint.Expression", tuple(MARIADB))}


def test_w012_covering_indexes():
    assert found(Covering) == {
        ("portability.W012", "tests_lint.Covering", tuple(SQLITE + MYSQL + ORACLE))
    }


def test_w013_comments():
    assert found(Commented) == {
        ("portability.W013", "tests_lint.Commented", tuple(SQLITE + CRDB)),
        ("portability.W013", "tests_lint.Commented.score", tuple(SQLITE + CRDB)),
    }


def test_w014_upsert_with_extra_unique_keys():
    assert found(Upsert) == {
        ("portability.W014", "tests_lint.Upsert", tuple(MYSQL)),
        ("portability.W014", "tests_lint.Upsert", tuple(ORACLE)),
    }


def test_w015_deferrable_unique():
    w015 = {(obj, t) for i, obj, t in found(Deferred) if i == "portability.W015"}
    assert w015 == {("tests_lint.Deferred", tuple(SQLITE + MYSQL + CRDB))}


def test_w016_charfield_without_max_length():
    assert found(Unlimited) == {
        ("portability.W016", "tests_lint.Unlimited.tag", tuple(MYSQL + ORACLE))
    }


def test_w017_varchar_limits():
    assert found(Wide) == {
        ("portability.W017", "tests_lint.Wide.summary", tuple(ORACLE)),
        ("portability.W017", "tests_lint.Wide.essay", tuple(MYSQL)),
        ("portability.W017", "tests_lint.Wide.essay", tuple(ORACLE)),
    }


def test_w018_case_insensitive_unique_on_mysql():
    assert ("portability.W018", "tests_lint.Handle.handle", tuple(MYSQL)) in found(Handle)
    assert ids(Handle) == {"portability.W018", "portability.W014"}


def test_w019_lob_ordering_on_oracle():
    assert found(Ordered) == {("portability.W019", "tests_lint.Ordered", tuple(ORACLE))}


def test_w020_generated_columns():
    assert found(Generated) == {
        ("portability.W020", "tests_lint.Generated.stored", tuple(ORACLE)),
        ("portability.W020", "tests_lint.Generated.virtual", tuple(PG + CRDB)),
    }


def test_messages_are_django_warnings_naming_their_targets():
    messages = lint_messages(models=[Money, Reserved], targets=ALL)
    assert {type(m) for m in messages} == {checks.Warning}
    by_id = {m.id: m for m in messages}
    assert by_id["portability.W007"].obj is Money._meta.get_field("price")
    assert "sqlite" in by_id["portability.W007"].msg
    assert "oracle-19, oracle-23" in by_id["portability.W005"].msg
    assert all(m.hint for m in messages)


@override_settings(PORTABILITY_TARGETS=["postgresql-15"])
def test_setting_narrows_targets():
    everything = [Reserved, EmptyStrings, Money, Document, Partial, NullsDistinct,
                  Expression, Covering, Commented, Upsert, Deferred, Unlimited, Wide, Ordered]
    assert lint_rows(models=everything) == []
    assert [r.targets for r in lint_rows(models=[Generated])] == [["postgresql-15"]]


@override_settings(PORTABILITY_TARGETS=["oracle-19"])
def test_setting_with_one_oracle():
    assert found(Reserved, targets=None) == {
        ("portability.W005", "tests_lint.Reserved.date", ("oracle-19",)),
        ("portability.W005", "tests_lint.Reserved.number", ("oracle-19",)),
    }


@override_settings(PORTABILITY_TARGETS=["postgres-15", "sqlite"])
def test_e001_unknown_target_names_the_closest():
    messages = lint_messages(models=[Money])
    errors = [m for m in messages if m.id == "portability.E001"]
    assert len(errors) == 1 and isinstance(errors[0], checks.Error)
    assert "'postgres-15'" in errors[0].msg and "'postgresql-15'" in errors[0].hint
    # The valid names are still linted.
    assert [(m.id, m.msg.endswith("arithmetic and comparisons in SQL use 8-byte floating point."))
            for m in messages if m.id != "portability.E001"] == [("portability.W007", True)]


def test_explicit_unknown_target_raises():
    with pytest.raises(UnknownName, match="postgresql-15"):
        lint_rows(models=[Money], targets=["postgresql15"])


@override_settings(PORTABILITY_LINT_APPS=["pot"])
def test_e002_unknown_app_label():
    (error,) = run_checks(tags=["portability"])
    assert error.id == "portability.E002" and "'pots'" in error.hint


@override_settings(PORTABILITY_LINT_APPS=["pots"], PORTABILITY_TARGETS=None)
def test_lint_apps_setting_limits_the_models():
    linted = lint_rows()
    assert linted and {r.obj.split(".")[0] for r in linted} == {"pots"}


@override_settings(PORTABILITY_LINT_ALWAYS=True)
def test_app_configs_from_the_check_command_narrow_the_models():
    from django.apps import apps

    messages = check_portability(app_configs=[apps.get_app_config("pots_ora")])
    labels = {getattr(m.obj, "model", m.obj)._meta.app_label for m in messages}
    assert messages and labels == {"pots_ora"}
    assert check_portability(app_configs=[apps.get_app_config("auth")]) == []


def test_project_rows_skip_contrib_and_are_deterministic():
    first, second = lint_rows(), lint_rows()
    assert first == second
    assert not any(r.obj.split(".")[0] in {"auth", "admin", "contenttypes", "sessions"}
                   for r in first)


def test_check_command_runs_on_the_project():
    out, err = StringIO(), StringIO()
    call_command("check", "--tag", "portability", stdout=out, stderr=err)
    assert "System check identified" in out.getvalue() + err.getvalue()


def test_check_is_registered_with_the_portability_tag():
    assert "portability" in checks.registry.registry.tags_available()
    assert check_portability in checks.registry.registry.get_checks()


@pytest.mark.parametrize("name", ALL)
def test_offline_wrapper_answers_without_a_server(name):
    connection = lint_targets.backend(name).connection
    features = connection.features
    for feature in ("supports_partial_indexes", "supports_expression_indexes",
                    "supports_update_conflicts_with_target", "supports_comments",
                    "supports_nulls_distinct_unique_constraints", "supports_json_field_contains"):
        assert isinstance(getattr(features, feature), bool)
    assert models.CharField(max_length=5).db_type(connection)
    assert connection.connection is None  # never connected


def test_lint_runs_only_when_its_tag_is_asked_for():
    # runserver, migrate and a plain `check` stay quiet; `check --tag portability` speaks.
    assert not [m for m in run_checks() if m.id.startswith("portability.")]
    assert [m for m in run_checks(tags=["portability"]) if m.id.startswith("portability.W")]
    with override_settings(PORTABILITY_LINT_ALWAYS=True):
        assert [m for m in run_checks() if m.id.startswith("portability.W")]
