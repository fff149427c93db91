"""Tests meant to differ between backends (SQLite, PostgreSQL, MariaDB; Oracle where noted).

Plain ``django.test.TestCase``: the same file runs under pytest-django and ``manage.py test``.
tests/test_matrix_live.py asserts the exact matrix they give.
"""

from unittest import expectedFailure

from django.db import transaction
from django.test import TestCase, skipUnlessDBFeature

from .models import Item


class ItemTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        Item.objects.create(name="ABC", note="first", data={"a": 1, "b": [1, 2]})
        Item.objects.create(name="abd", note="second", data={"a": 2})

    def test_exact_is_case_sensitive(self):
        # MariaDB's utf8mb4_unicode_ci collation compares case-insensitively.
        self.assertFalse(Item.objects.filter(name="abc").exists())

    @expectedFailure
    def test_exact_ignores_case(self):
        self.assertTrue(Item.objects.filter(name="abc").exists())

    def test_distinct_on_fields(self):
        # DISTINCT ON: PostgreSQL only.
        names = Item.objects.order_by("name").distinct("name").values_list("name", flat=True)
        self.assertEqual(len(list(names)), 2)

    def test_select_for_update_of(self):
        # FOR UPDATE OF: PostgreSQL (and Oracle); SQLite ignores select_for_update entirely.
        with transaction.atomic():
            rows = list(Item.objects.select_for_update(of=("self",)).filter(note="first"))
        self.assertEqual(len(rows), 1)

    def test_json_contains(self):
        # Not on SQLite (nor Oracle).
        self.assertEqual(Item.objects.filter(data__contains={"a": 1}).count(), 1)

    @skipUnlessDBFeature("supports_json_field_contains")
    def test_json_contains_where_supported(self):
        self.assertEqual(Item.objects.filter(data__contains={"b": [1]}).count(), 1)

    def test_empty_string_in_not_null_field(self):
        # Oracle stores '' as NULL: IntegrityError there, a pass everywhere else.
        item = Item.objects.create(name="empty", note="")
        item.refresh_from_db()
        self.assertEqual(item.note, "")

    def test_value_longer_than_max_length(self):
        # SQLite does not enforce varchar lengths; PostgreSQL and strict MariaDB refuse.
        item = Item.objects.create(name="long", note="n", code="x" * 8)
        item.refresh_from_db()
        self.assertEqual(item.code, "x" * 8)

    def test_count(self):
        self.assertEqual(Item.objects.count(), 2)
