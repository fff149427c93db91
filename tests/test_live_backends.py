"""migrate, sqlmigrate and round trips of the mirrored apps on every live backend."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connections
from django.db.models import Max

from routers import APP_DATABASES


def per_backend(**marker_kwargs):
    return pytest.mark.parametrize(
        "app_label,alias",
        [
            pytest.param(app, alias, marks=pytest.mark.backend(alias, **marker_kwargs), id=alias)
            for app, alias in APP_DATABASES.items()
        ],
    )


def tables(alias):
    with connections[alias].cursor() as cursor:
        return set(connections[alias].introspection.table_names(cursor))


def model(app_label, name):
    return apps.get_model(app_label, name)


@per_backend(transaction=True)
def test_migrate_creates_and_drops_the_apps_tables(app_label, alias):
    expected = {
        m._meta.db_table
        for m in apps.get_app_config(app_label).get_models(include_auto_created=True)
    }
    normalize = connections[alias].introspection.identifier_converter
    expected = {normalize(t) for t in expected}
    assert expected <= tables(alias)
    call_command("migrate", app_label, "zero", database=alias, verbosity=0)
    assert not expected & tables(alias)
    call_command("migrate", app_label, database=alias, verbosity=0)
    assert expected <= tables(alias)


# What seed 003's comparison table says each backend gives the POTS columns.
POT_DDL = {
    "sqlite": ['"TYPE" varchar(20) NOT NULL', '"AVAILABLE" bool NOT NULL'],
    "postgresql": ['"TYPE" varchar(20) NOT NULL', '"AVAILABLE" boolean NOT NULL'],
    "mysql": ["`TYPE` varchar(20) NOT NULL", "`AVAILABLE` bool NOT NULL"],
    "oracle": ['"TYPE" NVARCHAR2(20) NULL', '"AVAILABLE" NUMBER(1) NOT NULL'],
}


@per_backend(transaction=True)  # SQLite's schema editor refuses to run inside atomic()
def test_sqlmigrate_0001_on_its_backend(app_label, alias):
    out = StringIO()
    call_command("sqlmigrate", app_label, "0001", database=alias, stdout=out)
    sql = out.getvalue()
    table = connections[alias].ops.quote_name(f"{app_label}_pot")
    assert f"CREATE TABLE {table}" in sql
    for fragment in POT_DDL[connections[alias].vendor]:
        assert fragment in sql


@per_backend()
def test_pot_round_trip_keeps_both_booleans(app_label, alias):
    Pot = model(app_label, "Pot")
    Pot.objects.create(type="teapot", size="large", available=True, dirty=False)
    pot = Pot.objects.get()
    assert (pot.type, pot.size, pot.available, pot.dirty) == ("teapot", "large", True, False)
    assert Pot.objects.filter(available=True, dirty=False).count() == 1


@per_backend()
def test_order_with_products_keeps_the_exact_decimal(app_label, alias):
    Customer, Product, Order = (model(app_label, n) for n in ("Customer", "Product", "Order"))
    carl = Customer.objects.create(name="Carl")
    pots = [
        Product.objects.create(name="pot", price=Decimal("5.01")),
        Product.objects.create(name="lid", price=Decimal("7.33")),
    ]
    order = Order.objects.create(subtotal=Decimal("12.34"), customer=carl)
    order.products.add(*pots)
    order = Order.objects.get(pk=order.pk)
    assert order.subtotal == Decimal("12.34")
    assert str(order.subtotal) == "12.34"
    assert sorted(p.name for p in order.products.all()) == ["lid", "pot"]
    assert order.customer.name == "Carl"
    assert sum(p.price for p in order.products.all()) == Decimal("12.34")


# Six ticks one minute apart; the overall maximum is older than the latest four.
TICKS = [660.0, 655.5, 652.63, 650.83, 651.2, 649.75]


@per_backend()
def test_seed_000_highest_price_of_the_latest_four_ticks(app_label, alias):
    Stock = model(app_label, "Stock")
    start = dt.datetime(2021, 7, 28, 14, 0, tzinfo=dt.timezone.utc)
    for minute, high in enumerate(TICKS):
        Stock.objects.create(
            date_time=start + dt.timedelta(minutes=minute), price_low=high - 2, price_high=high
        )
    latest_four = Stock.objects.order_by("-date_time")[:4]
    assert [s.date_time.minute for s in latest_four] == [5, 4, 3, 2]
    assert latest_four.aggregate(Max("price_high")) == {"price_high__max": 652.63}
