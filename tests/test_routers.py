"""Every pots app goes to its own alias; relations stay inside one database; contrib stays on default."""

import pytest
from django.apps import apps
from django.db import router

from routers import APP_DATABASES

from .conftest import MODEL_NAMES

CONTRIB_APPS = ("admin", "auth", "contenttypes", "sessions")
ALIASES = ("default", "postgresql", "mysql", "oracle")


def all_models(app_label):
    # Include the auto-created M2M through tables: they must follow their app too.
    models = [apps.get_model(app_label, name) for name in MODEL_NAMES]
    return models + [apps.get_model(app_label, "Order").products.through]


@pytest.mark.parametrize("app_label,alias", APP_DATABASES.items())
def test_reads_and_writes_go_to_the_apps_alias(app_label, alias):
    for model in all_models(app_label):
        assert router.db_for_read(model) == alias, model
        assert router.db_for_write(model) == alias, model


@pytest.mark.parametrize("app_label,alias", APP_DATABASES.items())
def test_each_app_migrates_only_on_its_alias(app_label, alias):
    for model in all_models(app_label):
        allowed = [db for db in ALIASES if router.allow_migrate_model(db, model)]
        assert allowed == [alias], model


def test_every_alias_is_routed_to_by_exactly_one_pots_app():
    assert sorted(APP_DATABASES.values()) == sorted(ALIASES)


@pytest.mark.parametrize("app_label", CONTRIB_APPS)
def test_contrib_apps_live_on_default_only(app_label):
    for model in apps.get_app_config(app_label).get_models():
        assert router.db_for_read(model) == "default"
        assert router.db_for_write(model) == "default"
        assert [db for db in ALIASES if router.allow_migrate_model(db, model)] == ["default"]


def test_relations_within_one_database_are_allowed():
    Order, Customer = apps.get_model("pots_pos", "Order"), apps.get_model("pots_pos", "Customer")
    assert router.allow_relation(Order(), Customer()) is True


@pytest.mark.parametrize("other_app", ["pots", "pots_ora", "pots_mys"])
def test_cross_database_relations_are_refused(other_app):
    order = apps.get_model("pots_pos", "Order")()
    customer = apps.get_model(other_app, "Customer")()
    assert router.allow_relation(order, customer) is False


def test_assigning_a_row_loaded_from_another_database_raises():
    # Django asks the router when both instances are bound to a database.
    order = apps.get_model("pots_pos", "Order")()
    order._state.db = "postgresql"
    customer = apps.get_model("pots_pos", "Customer")()
    customer._state.db = "default"  # as if loaded with .using("default")
    with pytest.raises(ValueError, match="router prevents this relation"):
        order.customer = customer


def test_mirrored_models_share_one_definition():
    fields = {
        app: [(f.name, f.get_internal_type()) for f in apps.get_model(app, "FieldZoo")._meta.fields]
        for app in APP_DATABASES
    }
    assert len({tuple(v) for v in fields.values()}) == 1
    assert all(apps.get_model(app, "Pot")._meta.db_table == f"{app}_pot" for app in APP_DATABASES)
