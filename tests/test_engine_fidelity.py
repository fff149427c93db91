"""The offline profiles print what Django's own sqlmigrate prints on the edge-case apps
(tests/edgecases/, one app per class of engine behaviour), on every live server here.

``portability verify`` walks each live server with sqlmigrate (forwards before a migration
is applied, ``--backwards`` after) and compares every migration with the profile of that
server's version; two offline ``portability report`` runs (all profiles, two hash seeds)
show the rest: what each class prints, volatile stand-ins, routed renders, repeatability.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid

import pytest

from .harness_run import explain, harness_env, run_manage, start_manage

EDGE_SETTINGS = "tests.edgecases.settings"
APPS = ["edge_squash", "edge_squashdep", "edge_branch", "edge_rename", "edge_vendor", "edge_datadefault",
        "edge_volatile", "edge_together", "edge_fkindex", "edge_check", "edge_multiindex", "edge_runsqlidx",
        "edge_condunique", "edge_ownapply", "edge_customfield"]
MIGRATIONS = 65  # in APPS, squashed and replaced ones counted apart
SERVERS = {
    "default": "sqlite",
    "postgresql14": "postgresql-14",
    "postgresql": "postgresql-15",
    "postgresql16": "postgresql-16",
    "postgresql17": "postgresql-17",
    "postgresql18": "postgresql-18",
    "mysql": "mariadb-10.11",
}
PROFILES = ["sqlite", "postgresql-14", "postgresql-15", "postgresql-16", "postgresql-17", "postgresql-18",
            "mysql-8.0", "mysql-8.4", "mariadb-10.11", "mariadb-11.4", "oracle-19", "oracle-23", "cockroachdb-25"]
SEEDS = ("1", "2")
TIMEOUT_SECONDS = 300

ADDRESS = re.compile(r" at 0x[0-9a-f]+")


def edge_env(**overrides):
    return harness_env(DJANGO_SETTINGS_MODULE=EDGE_SETTINGS, **overrides)


# -- the runs ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def started_reports(tmp_path_factory):
    """Two offline reports of every profile, one per hash seed, started at once (they run
    beside verify)."""
    root = tmp_path_factory.mktemp("reports")
    started = {}
    for seed in SEEDS:
        out, log = root / f"seed{seed}", open(root / f"seed{seed}.log", "w")
        proc = start_manage("portability", "report", "--offline", "--apps", *APPS, "--output", str(out),
                            env=edge_env(PYTHONHASHSEED=seed), stdout=log, stderr=subprocess.STDOUT)
        started[seed] = (proc, out, log)
    yield started
    for proc, _, log in started.values():
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def reports(started_reports):
    trees = {}
    for seed, (proc, out, log) in started_reports.items():
        code = proc.wait(timeout=TIMEOUT_SECONDS)
        log.flush()
        assert code == 0, f"report with PYTHONHASHSEED={seed}: exit {code}\n{open(log.name).read()[-3000:]}"
        trees[seed] = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    return trees


@pytest.fixture(scope="module")
def report(reports):
    data = json.loads(reports[SEEDS[0]]["report.json"])
    return {(r["target"], r["app"], r["migration"]): r for r in data["ddl"]}


@pytest.fixture(scope="module")
def verified(tmp_path_factory, started_reports):
    out = tmp_path_factory.mktemp("verify")
    proc = run_manage("portability", "verify", "--apps", *APPS, "--targets", *SERVERS, "--output", str(out),
                      env=edge_env(), timeout=TIMEOUT_SECONDS)
    assert (out / "verify.json").exists(), explain(proc)
    return proc, json.loads((out / "verify.json").read_text())


def servers(verified):
    return {s["alias"]: s for s in verified[1]["servers"]}


def listed(server, app, migration=None, direction=None):
    """The comparisons verify lists (every one that is not identical)."""
    return [c for c in server["comparisons"] if c["app"] == app
            and (migration is None or c["migration"] == migration)
            and (direction is None or c["direction"] == direction)]


def sql(report, target, app, migration):
    row = report[target, app, migration]
    assert row["sql"] is not None, (target, app, migration, row["status"], row["reason"])
    return row["sql"]


def statements(text):
    return [line for line in text.splitlines()
            if line and not line.startswith("--") and line not in ("BEGIN;", "COMMIT;")]


live = pytest.mark.backend(*SERVERS)


# -- every server, every migration --------------------------------------------------------------

@live
def test_every_live_server_compares_every_edge_migration_both_ways(verified):
    found = servers(verified)
    assert {alias: s["profile"] for alias, s in found.items()} == SERVERS
    for alias, server in found.items():
        counts = server["counts"]
        print(alias, server["server"], server["profile"], counts)
        assert server["error"] is None, (alias, server["error"])
        assert sum(v for k, v in counts.items() if k.startswith("forwards:")) == MIGRATIONS, (alias, counts)
        assert sum(v for k, v in counts.items() if k.startswith("backwards:")) == MIGRATIONS, (alias, counts)
        assert set(counts) <= {f"{d}:{o}" for d in ("forwards", "backwards")
                               for o in ("identical", "needs-server", "both-fail", "irreversible", "different")}
        for comparison in server["comparisons"]:
            assert comparison["detail"], comparison


@live
def test_no_server_differs_from_its_profile(verified):
    unexpected = [(alias, c["app"], c["migration"], c["direction"], c["detail"])
                  for alias, server in servers(verified).items() for c in server["comparisons"]
                  if c["outcome"] == "different"]
    assert not unexpected, "\n\n".join(map(str, unexpected))


@live
def test_verify_finds_every_server_exact(verified):
    proc, data = verified
    assert [s["alias"] for s in data["servers"] if not s["exact"]] == []
    assert proc.returncode == 0, explain(proc)


@live
def test_a_check_added_by_alterfield_is_dropped_by_a_later_alterfield(verified):
    different = [(alias, c["migration"], c["direction"], c["detail"]) for alias, server in servers(verified).items()
                 for c in listed(server, "edge_check") if c["outcome"] == "different"]
    assert not different, "\n".join(map(str, different))


@live
def test_renders_after_a_data_dependent_default_see_the_schema_it_created(verified):
    different = [(alias, c["migration"], c["direction"], c["detail"]) for alias, server in servers(verified).items()
                 for c in listed(server, "edge_datadefault") if c["outcome"] == "different"]
    assert not different, "\n".join(map(str, different))


IDENTICAL_EVERYWHERE = ["edge_squash", "edge_squashdep", "edge_branch", "edge_vendor", "edge_volatile",
                        "edge_together", "edge_fkindex", "edge_multiindex", "edge_condunique", "edge_customfield"]


@live
def test_squash_branch_vendor_volatile_together_fk_index_and_custom_field_apps_are_identical(verified):
    for alias, server in servers(verified).items():
        for app in IDENTICAL_EVERYWHERE:
            assert listed(server, app) == [], (alias, app)  # verify lists only what is not identical
        # edge_check up to the migration the named-CHECK bug starts with: MariaDB's MODIFY
        # dropping the column CHECK (0002) is followed.
        assert [c for c in listed(server, "edge_check") if c["migration"] < "0004"] == [], alias


@live
def test_the_data_dependent_default_needs_a_server_and_names_the_callable(verified):
    for alias, server in servers(verified).items():
        for migration in ("0002_entry_rank", "0004_entry_category"):
            [comparison] = listed(server, "edge_datadefault", migration, "forwards")
            assert comparison["outcome"] == "needs-server", (alias, comparison)
            assert "tests.edgecases.edge_datadefault.models.first_category_id" in comparison["detail"]
            assert "queries the database" in comparison["detail"]
        # Backwards, 0005 puts the NOT NULL FK back: its default needs the data again.
        [back] = listed(server, "edge_datadefault", "0005_entry_category_null", "backwards")
        assert back["outcome"] == "needs-server" and "first_category_id" in back["detail"], (alias, back)


@live
def test_rename_model_then_alter_field_fails_in_mysqls_sqlmigrate_and_is_shown_as_migrate_runs(verified, report):
    for alias, server in servers(verified).items():
        found = listed(server, "edge_rename")
        if alias != "mysql":
            assert found == [], (alias, found)
            continue
        assert [(c["migration"], c["direction"], c["outcome"]) for c in found] == [
            ("0002_rename_post_article", "forwards", "both-fail"),
            ("0002_rename_post_article", "backwards", "both-fail")]
        assert all("ProgrammingError: (1146" in c["detail"] and "doesn't exist" in c["detail"] for c in found)
    row = report["mariadb-10.11", "edge_rename", "0002_rename_post_article"]
    assert (row["status"], row["backwards_status"]) == ("ok", "ok")
    assert row["reason"].startswith("sqlmigrate itself fails here (ProgrammingError: (1146")
    assert "the SQL shown is what migrate runs" in row["reason"]
    assert statements(row["sql"]) == [
        "RENAME TABLE `edge_rename_post` TO `edge_rename_article`;",
        "RENAME TABLE `edge_rename_post_tags` TO `edge_rename_article_tags`;",
        "ALTER TABLE `edge_rename_article_tags` DROP FOREIGN KEY "
        "`edge_rename_post_tags_post_id_9dcaedd6_fk_edge_rename_post_id`;",
        "ALTER TABLE `edge_rename_article_tags` RENAME COLUMN `post_id` TO `article_id`;",
        "ALTER TABLE `edge_rename_article_tags` ADD CONSTRAINT `edge_rename_article__article_id_6304482c_fk_edge_rena` "
        "FOREIGN KEY (`article_id`) REFERENCES `edge_rename_article` (`id`);",
        "DROP INDEX `edge_rename_post_title_eb12666a` ON `edge_rename_article`;",  # migrate sees the renamed table
        "ALTER TABLE `edge_rename_article` MODIFY `title` varchar(80) NOT NULL;",
    ]
    # PostgreSQL's sqlmigrate (identical offline) finds no index on the table it has not
    # renamed yet, so it prints no DROP INDEX at all.
    assert "DROP INDEX" not in sql(report, "postgresql-15", "edge_rename", "0002_rename_post_article")


@live
def test_own_apply_and_irreversible_operations_are_irreversible_on_every_server(verified):
    for alias, server in servers(verified).items():
        found = {(c["migration"], c["direction"]): c for c in listed(server, "edge_ownapply")}
        assert set(found) == {("0002_note_extra", "backwards"), ("0003_irreversible", "backwards")}, alias
        assert all(c["outcome"] == "irreversible" for c in found.values())
        assert "Migration 0002_note_extra is not reversible" in found["0002_note_extra", "backwards"]["detail"]
        assert "RunPython" in found["0003_irreversible", "backwards"]["detail"]


@live
def test_runsql_indexes_are_seen_by_later_introspection(verified, report):
    for alias, server in servers(verified).items():
        found = [(c["migration"], c["direction"], c["outcome"]) for c in listed(server, "edge_runsqlidx")]
        if alias != "mysql":
            assert found == [], alias
            continue
        # Django's own ValueError, on the server and offline: the FULLTEXT index RunSQL
        # added on (title, summary) matches the index_together index being removed.
        assert found == [("0004_index_together", "backwards", "both-fail"),
                         ("0005_remove_index_together", "forwards", "both-fail")]
    assert statements(sql(report, "postgresql-15", "edge_runsqlidx", "0003_title_no_index")) == [
        'DROP INDEX IF EXISTS "edge_runsqlidx_doc_title_a1323042";',
        'DROP INDEX IF EXISTS "edge_runsqlidx_doc_title_a1323042_like";',
        'DROP INDEX IF EXISTS "edge_runsqlidx_doc_title_raw";',
    ]
    for target in ("mariadb-10.11", "mysql-8.4"):
        assert statements(sql(report, target, "edge_runsqlidx", "0003_title_no_index")) == [
            "DROP INDEX `edge_runsqlidx_doc_title_a1323042` ON `edge_runsqlidx_doc`;",
            "DROP INDEX `edge_runsqlidx_doc_title_raw` ON `edge_runsqlidx_doc`;",  # not the FULLTEXT ones
        ]
        row = report[target, "edge_runsqlidx", "0005_remove_index_together"]
        assert row["status"] == "error" and "Found wrong number (2) of constraints" in row["reason"]
        # RunSQL's CREATE FULLTEXT INDEX is followed: the later AlterField sees it.
        row = report[target, "edge_runsqlidx", "0006_memo_note_no_index"]
        assert row["status"] == "ok", row["reason"]


# -- what each class prints (offline reports; identical to live where verify ran) -------------

def test_every_profile_renders_every_edge_migration(report):
    assert {t for t, _, _ in report} == set(PROFILES)
    for profile in PROFILES:
        rows = [r for (t, _, _), r in report.items() if t == profile]
        assert len(rows) == MIGRATIONS, profile
        for r in rows:
            # Errors only where sqlmigrate itself fails (MySQL: two FULLTEXT candidates).
            if r["status"] == "error" or r["backwards_status"] == "error":
                assert profile.startswith(("mysql", "mariadb")) and r["app"] == "edge_runsqlidx", r
            if r["status"] == "needs-server":
                assert r["reason"], r


def test_the_squashed_migration_and_those_it_replaces_all_render(report):
    for profile in PROFILES:
        names = sorted(m for t, a, m in report if t == profile and a == "edge_squash")
        assert names == ["0001_initial", "0001_squashed_0003_author_email_index", "0002_author_email",
                         "0003_author_email_index", "0004_book"]
    squashed = sql(report, "postgresql-15", "edge_squash", "0001_squashed_0003_author_email_index")
    assert 'CREATE TABLE "edge_squash_author"' in squashed and "edge_squash_author_email_" in squashed
    # edge_squashdep renders on the replaced history (a fresh database holding 0001, 0002).
    review = sql(report, "postgresql-15", "edge_squashdep", "0001_initial")
    assert 'REFERENCES "edge_squash_author" ("id")' in review


def test_a_branch_renders_with_its_own_ancestors_only(report):
    # 0002_alter_b does not descend from 0002_alter_a: SQLite's table remake writes the
    # state of its ancestors, where a is still varchar(10) without an index.
    remake = sql(report, "sqlite", "edge_branch", "0002_alter_b")
    assert '"a" varchar(10) NOT NULL' in remake and '"b" varchar(30) NOT NULL UNIQUE' in remake
    assert "edge_branch_item_a_" not in remake
    assert statements(sql(report, "postgresql-15", "edge_branch", "0002_alter_b")) == [
        'ALTER TABLE "edge_branch_item" ALTER COLUMN "b" TYPE varchar(30);',
        'ALTER TABLE "edge_branch_item" ADD CONSTRAINT "edge_branch_item_b_fd4a8eaf_uniq" UNIQUE ("b");',
        'CREATE INDEX "edge_branch_item_b_fd4a8eaf_like" ON "edge_branch_item" ("b" varchar_pattern_ops);',
    ]
    assert sql(report, "postgresql-15", "edge_branch", "0003_merge") == ""  # nothing to print
    after = sql(report, "postgresql-15", "edge_branch", "0004_after_merge")
    assert 'ALTER COLUMN "a" TYPE varchar(40)' in after and "_uniq" in after and "_like" in after


EXPECTED_VOLATILE = {
    "0001_initial": {},
    "0002_ticket_created": {"edge_volatile.ticket.token": "uuid.uuid4",
                            "edge_volatile.ticket.created": "django.utils.timezone.now"},
    "0003_ticket_keys": {"edge_volatile.ticket.stamped": "auto_now_add",
                         "edge_volatile.ticket.key": "secrets.token_hex",
                         "edge_volatile.ticket.code": "tests.edgecases.edge_volatile.models.make_code"},
}


def test_volatile_defaults_are_listed_with_their_stand_ins(report):
    for profile in PROFILES:
        for migration, expected in EXPECTED_VOLATILE.items():
            row = report[profile, "edge_volatile", migration]
            assert {v["field"]: v["source"] for v in row["volatile"]} == expected, (profile, migration)
            assert all(v["stand_in"] for v in row["volatile"])
    stand_ins = {v["field"]: v["stand_in"] for m in EXPECTED_VOLATILE
                 for v in report["postgresql-15", "edge_volatile", m]["volatile"]}
    token = uuid.UUID(re.fullmatch(r"UUID\('(.+)'\)", stand_ins["edge_volatile.ticket.token"]).group(1))
    assert f"DEFAULT '{token.hex}'::uuid" in sql(report, "postgresql-15", "edge_volatile", "0002_ticket_created")
    assert stand_ins["edge_volatile.ticket.created"].startswith("datetime.datetime(2000, 1, 1, 0, 0")
    keys = sql(report, "postgresql-15", "edge_volatile", "0003_ticket_keys")
    for field, length in (("key", 64), ("code", 16)):
        value = stand_ins[f"edge_volatile.ticket.{field}"].strip("'")
        assert re.fullmatch(f"[0-9a-f]{{{length}}}", value) and f"DEFAULT '{value}' NOT NULL" in keys


def test_the_vendor_conditional_migration_differs_per_default_and_as_a_routed_alias(report):
    indexes = {"postgresql-15": "label_pg", "mariadb-10.11": "label_mdb", "mysql-8.4": "label_my",
               "sqlite": "label_lite"}
    texts = {t: sql(report, t, "edge_vendor", "0002_gadget_label") for t in indexes}
    assert len(set(texts.values())) == 4
    for target, index in indexes.items():
        assert f"edge_vendor_gadget_{index}" in texts[target]
        assert [i for i in indexes.values() if f"edge_vendor_gadget_{i}" in texts[target]] == [index]
        row = report[target, "edge_vendor", "0002_gadget_label"]
        if target == "sqlite":
            assert row["routed_sql"] is None  # the project's default is itself a SQLite
            continue
        # Routed beside a SQLite default, the module was imported with SQLite's answers.
        assert row["routed_sql"] != row["sql"] and "edge_vendor_gadget_label_lite" in row["routed_sql"]
        assert row["routed_status"] == "ok"
        assert report[target, "edge_vendor", "0001_initial"]["routed_sql"] is None  # the same either way
        later = report[target, "edge_vendor", "0004_gadget_label_no_index"]
        assert f"edge_vendor_gadget_{index}" in later["sql"]
        assert f"edge_vendor_gadget_{index}" not in later["routed_sql"]


def test_a_custom_db_type_reading_the_default_connection_follows_the_default(report):
    types = {"postgresql-15": "varchar(101)", "postgresql-18": "varchar(101)", "mariadb-10.11": "varchar(102)",
             "mysql-8.4": "varchar(102)", "sqlite": "varchar(103)", "oracle-23": "NVARCHAR2(104)"}
    for target, db_type in types.items():
        for migration in ("0001_initial", "0002_box_note"):
            row = report[target, "edge_customfield", migration]
            assert db_type in row["sql"], (target, migration)
            if target == "sqlite":
                assert row["routed_sql"] is None
            else:
                assert "varchar(103)" in row["routed_sql"] and db_type not in row["routed_sql"], (target, migration)


def test_unique_together_adds_and_removes_several_at_once(report):
    added = statements(sql(report, "postgresql-15", "edge_together", "0002_add_uniques"))
    assert len(added) == 3 and all(" UNIQUE (" in s for s in added)
    removed = statements(sql(report, "postgresql-15", "edge_together", "0003_remove_uniques"))
    assert len(removed) == 3 and all("DROP CONSTRAINT" in s for s in removed)
    assert sorted(re.findall(r"slot_(\w_\w)_", " ".join(removed))) == ["a_c", "b_d", "c_d"]
    swap = statements(sql(report, "mariadb-10.11", "edge_together", "0005_swap"))
    assert sum("DROP INDEX" in s for s in swap) == 4 and sum("ADD CONSTRAINT" in s for s in swap) == 2


HASH_ORDER = """
olds = {("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")}
print(list(olds.difference({("a", "b")})))
"""


def test_the_hash_seed_changes_djangos_order_of_unique_together_changes():
    # Why everything renders with PYTHONHASHSEED=0: AlterUniqueTogether iterates a set.
    orders = {subprocess.run([sys.executable, "-c", HASH_ORDER], capture_output=True, text=True, check=True,
                             env={"PYTHONHASHSEED": str(seed)}).stdout for seed in range(8)}
    assert len(orders) > 1


def test_reports_under_two_hash_seeds_agree_but_for_a_function_address(reports, report):
    first, second = (reports[s] for s in SEEDS)
    assert set(first) == set(second)
    # One file per rendered migration and profile (none where only a server can render it).
    rendered = sum(1 for row in report.values() if row["sql"] is not None)
    forwards = [p for p in first if p.endswith(".sql") and not p.endswith(".backwards.sql")]
    assert len(forwards) == rendered > MIGRATIONS * (len(PROFILES) - 1)
    # And one .backwards.sql per backwards render (none for an irreversible migration).
    backwards = sum(1 for row in report.values() if row["backwards_sql"] is not None)
    assert len([p for p in first if p.endswith(".backwards.sql")]) == backwards
    differing = sorted(p for p in first if first[p] != second[p])
    assert set(differing) <= {"report.json"}, differing
    masked = [ADDRESS.sub(" at 0x?", tree["report.json"].decode()) for tree in (first, second)]
    assert masked[0] == masked[1]


def test_reports_under_two_hash_seeds_are_byte_identical(reports):
    first, second = (reports[s] for s in SEEDS)
    assert sorted(p for p in first if first[p] != second.get(p)) == []


def test_mysql_makes_the_fk_index_it_needs_before_dropping_a_covering_one(report):
    for target in ("mariadb-10.11", "mysql-8.4"):
        assert statements(sql(report, target, "edge_fkindex", "0002_remove_unique")) == [
            "CREATE INDEX `edge_fkindex_pet_owner_id_a3841e15` ON `edge_fkindex_pet` (`owner_id`);",
            "ALTER TABLE `edge_fkindex_pet` DROP INDEX `edge_fkindex_pet_owner_id_name_38751307_uniq`;",
        ]
        assert statements(sql(report, target, "edge_fkindex", "0003_owner_null")) == [
            "ALTER TABLE `edge_fkindex_pet` DROP FOREIGN KEY "
            "`edge_fkindex_pet_owner_id_a3841e15_fk_edge_fkindex_owner_id`;",
            "ALTER TABLE `edge_fkindex_pet` MODIFY `owner_id` integer NULL;",
            "ALTER TABLE `edge_fkindex_pet` ADD CONSTRAINT "
            "`edge_fkindex_pet_owner_id_a3841e15_fk_edge_fkindex_owner_id` "
            "FOREIGN KEY (`owner_id`) REFERENCES `edge_fkindex_owner` (`id`);",
        ]
        # Two indexes start with owner_id now: nothing to create.
        assert statements(sql(report, target, "edge_fkindex", "0005_remove_pet_index")) == [
            "DROP INDEX `edge_fkindex_pet_on_idx` ON `edge_fkindex_pet`;"]
        assert statements(sql(report, target, "edge_fkindex", "0007_remove_visit_index")) == [
            "CREATE INDEX `edge_fkindex_visit_pet_id_492b5043` ON `edge_fkindex_visit` (`pet_id`);",
            "DROP INDEX `edge_fkindex_visit_pd_idx` ON `edge_fkindex_visit`;",
        ]
    fk = "edge_fkindex_pet_owner_id_a3841e15_fk_edge_fkindex_owner_id"
    assert statements(sql(report, "postgresql-15", "edge_fkindex", "0003_owner_null")) == [
        f'SET CONSTRAINTS "{fk}" IMMEDIATE; ALTER TABLE "edge_fkindex_pet" DROP CONSTRAINT "{fk}";',
        'ALTER TABLE "edge_fkindex_pet" ALTER COLUMN "owner_id" DROP NOT NULL;',
        f'ALTER TABLE "edge_fkindex_pet" ADD CONSTRAINT "{fk}" FOREIGN KEY ("owner_id") '
        'REFERENCES "edge_fkindex_owner" ("id") DEFERRABLE INITIALLY DEFERRED;',
    ]
    # PostgreSQL indexes the FK column from the start: removing the unique adds nothing.
    assert "CREATE INDEX" not in sql(report, "postgresql-15", "edge_fkindex", "0002_remove_unique")


def test_mariadb_loses_a_column_check_when_modify_redefines_the_column(report):
    # 0002's NULL change is a MODIFY: MariaDB drops the column's CHECK with it, so 0003
    # (the type change that removes the CHECK) has none to drop; MySQL 8 and PostgreSQL do.
    assert "MODIFY `qty` integer UNSIGNED NULL" in sql(report, "mariadb-10.11", "edge_check", "0002_qty_null")
    assert statements(sql(report, "mariadb-10.11", "edge_check", "0003_qty_integer")) == [
        "ALTER TABLE `edge_check_stock` MODIFY `qty` integer NULL;"]
    assert statements(sql(report, "mysql-8.4", "edge_check", "0003_qty_integer")) == [
        "ALTER TABLE `edge_check_stock` DROP CHECK `edge_check_stock_chk_1`;",
        "ALTER TABLE `edge_check_stock` MODIFY `qty` integer NULL;"]
    assert statements(sql(report, "postgresql-15", "edge_check", "0003_qty_integer")) == [
        'ALTER TABLE "edge_check_stock" DROP CONSTRAINT "edge_check_stock_qty_check";']
    assert "ADD CONSTRAINT `edge_check_stock_qty_479228d1_check` CHECK (`qty` >= 0)" in sql(
        report, "mariadb-10.11", "edge_check", "0004_qty_positive_small")


def test_one_alterfield_drops_every_plain_index_of_the_column_in_catalog_order(report):
    # The plain and the _like index, and the conditional UniqueConstraint's partial unique
    # index too (Django looks for every btree index on the column), sorted by name.
    assert statements(sql(report, "postgresql-15", "edge_multiindex", "0002_code_no_index")) == [
        'DROP INDEX IF EXISTS "edge_multiindex_active_code";',
        'DROP INDEX IF EXISTS "edge_multiindex_code_code_db854f41";',
        'DROP INDEX IF EXISTS "edge_multiindex_code_code_db854f41_like";',
    ]
    assert statements(sql(report, "postgresql-15", "edge_multiindex", "0005_code_wider_no_index"))[:3] == \
        statements(sql(report, "postgresql-15", "edge_multiindex", "0002_code_no_index"))


def test_conditional_unique_constraints_render_on_oracle(report):
    for target in ("oracle-19", "oracle-23"):
        for migration in ("0001_initial", "0002_live_slug", "0003_slug_wider"):
            row = report[target, "edge_condunique", migration]
            assert (row["status"], row["backwards_status"]) == ("ok", "ok"), (target, migration, row["reason"])
        # Django writes no partial index for Oracle: the operations are no-ops.
        assert sql(report, target, "edge_condunique", "0002_live_slug").count("-- (no-op)") == 2
    assert ('CREATE UNIQUE INDEX "edge_condunique_pub_slug" ON "edge_condunique_page" ("slug") WHERE "published"'
            in sql(report, "postgresql-15", "edge_condunique", "0001_initial"))
