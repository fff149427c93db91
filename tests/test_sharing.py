"""Offline targets of one engine render once while nothing they render reads tells them
apart (harness.portability.offline.sharing), and model classes are reused across states
(harness.portability.rendered): the parts, and the whole against rendering every target on
its own with every model rendered anew."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.db import models

from harness.portability import profiles
from harness.portability.defaults import as_default, uncache_field_defaults
from harness.portability.offline import connection_for, sharing
from harness.portability.offline.catalog import Catalog

from .harness_run import ROOT, harness_env
from .test_engine_fidelity import APPS, EDGE_SETTINGS


@pytest.mark.parametrize("name", list(profiles.PROFILES))
def test_the_render_facts_a_profile_declares_are_its_backends(name):
    profile = profiles.get(name)
    connection = connection_for(profile)
    assert profile.max_name_length == connection.ops.max_name_length()
    assert profile.empty_strings_are_null == connection.features.interprets_empty_strings_as_nulls


def pinned(*names):
    return [sharing.pinned(connection_for(profiles.get(n))) for n in names]


def test_postgresql_versions_differ_only_in_their_version_and_what_follows_from_it():
    apart = sharing.differing(pinned("postgresql-14", "postgresql-15", "postgresql-16", "postgresql-17",
                                     "postgresql-18"))
    assert apart == {("connection", "pg_version"), ("connection", "profile"), ("features", "is_postgresql_15"),
                     ("features", "is_postgresql_16"), ("features", "is_postgresql_17")}


def test_a_version_that_is_only_compared_parts_targets_only_where_the_answers_differ():
    mysql80, mysql84 = (connection_for(profiles.get(n)) for n in ("mysql-8.0", "mysql-8.4"))
    values = [sharing.pinned(c) for c in (mysql80, mysql84)]
    reads = sharing.record(mysql80, sharing.differing(values))
    assert mysql80.mysql_version >= (8, 0, 13)  # both are
    assert sharing.agree(values[0], values[1], reads) and not reads.keys
    assert not mysql80.mysql_version >= (8, 4)  # 8.4 is
    assert not sharing.agree(values[0], values[1], reads)
    reads.clear()
    assert str(mysql80.mysql_version) == "(8, 0, 40)"  # any other use reads all of it
    assert reads.keys == {("connection", "mysql_version")} and not sharing.agree(values[0], values[1], reads)


def test_a_read_of_a_value_the_targets_share_is_not_recorded():
    mysql80 = connection_for(profiles.get("mysql-8.0"))
    values = [sharing.pinned(mysql80), sharing.pinned(connection_for(profiles.get("mysql-8.4")))]
    reads = sharing.record(mysql80, sharing.differing(values))
    assert mysql80.features.supports_transactions and not reads.keys
    assert mysql80.mysql_is_mariadb is False and not reads.keys


def test_a_copy_before_the_step_is_the_database_as_it_stood():
    connection = connection_for(profiles.get("postgresql-15"))
    catalog = Catalog(connection)
    catalog.table("kept").columns.append("id")
    catalog.table("changed").columns.append("id")
    catalog.begin_step()
    catalog.record("drop_table", "kept")
    catalog.record("rename_column", "changed", "id", "pk")
    catalog.commit()
    before = catalog.copy_before_step(connection_for(profiles.get("postgresql-15")))
    assert set(catalog.tables) == {"changed"} and catalog.tables["changed"].columns == ["pk"]
    assert set(before.tables) == {"kept", "changed"} and before.tables["changed"].columns == ["id"]


def test_a_fields_default_follows_the_default_alias_of_the_moment():
    uncache_field_defaults()
    field = models.CharField(max_length=5, null=True)
    oracle, postgresql = (connection_for(profiles.get(n)) for n in ("oracle-23", "postgresql-15"))
    with as_default(oracle):
        assert field.get_default() == ""  # Oracle stores '' as NULL: Django keeps ''
    with as_default(postgresql):
        assert field.get_default() is None  # Django's cached_property would still say ''


def sharecheck(settings: str, apps, timeout: int) -> dict:
    proc = subprocess.run([sys.executable, "-m", "tests.edgecases.sharecheck", *apps], cwd=ROOT,
                          env=harness_env(DJANGO_SETTINGS_MODULE=settings, PYTHONHASHSEED="0"),
                          capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.splitlines()[-1])


def test_shared_renders_are_what_each_target_renders_alone():
    found = sharecheck(EDGE_SETTINGS, [*APPS, "admin", "auth", "contenttypes", "sessions"], timeout=600)
    assert found["differ"] == [] and found["only_one_way"] == [], found
    assert found["shared"] == found["alone"] > 1000
    assert found["copies"] > found["shared"] / 3  # most renders were copies
    assert found["reused"] > 100  # model classes registered again instead of rendered
