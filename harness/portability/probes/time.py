"""Time: fractional seconds, time zones with USE_TZ, and seed 000's DateTimeField key."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.utils import timezone

from .base import DOCS, Probe, Table, same

MOMENT = Table("Moment", {"at": models.DateTimeField()})
# Seed 000's price ticks: the tick's time is the primary key.
TICK = Table("Tick", {
    "date_time": models.DateTimeField(primary_key=True),
    "price_low": models.FloatField(),
    "price_high": models.FloatField(),
})
UTC = dt.timezone.utc
SEED_000 = "seed 000 (Oracle tutorial: stocks.date_time primary key)"


def microseconds(ctx):
    Moment = ctx["Moment"]
    sent = dt.datetime(2024, 5, 6, 7, 8, 9, 123456, tzinfo=UTC)
    back = Moment.objects.get(pk=Moment.objects.create(at=sent).pk).at
    if back == sent:
        return "microseconds kept"
    return "truncated to seconds" if back == sent.replace(microsecond=0) else f"changed to {back}"


def aware_round_trip(ctx):
    Moment = ctx["Moment"]
    sent = dt.datetime(2024, 1, 1, 12, 0, tzinfo=dt.timezone(dt.timedelta(hours=5, minutes=30)))
    back = Moment.objects.get(pk=Moment.objects.create(at=sent).pk).at
    if timezone.is_naive(back):
        return "naive"
    zone = "UTC" if back.utcoffset() == dt.timedelta(0) else str(back.tzinfo)
    return f"{'same instant' if back == sent else 'other instant'}, {zone}"


def date_in_local_zone(ctx):
    Moment = ctx["Moment"]
    Moment.objects.create(at=dt.datetime(2024, 1, 1, 20, 0, tzinfo=UTC))
    with timezone.override("Asia/Kathmandu"):  # UTC+05:45: already 2 January there
        found = Moment.objects.filter(at__date=dt.date(2024, 1, 2)).exists()
    return "matches" if found else "no match"


def same_instant_twice(ctx):
    Tick = ctx["Tick"]
    Tick.objects.create(date_time=dt.datetime(2021, 7, 28, 14, 0, tzinfo=UTC),
                        price_low=649.75, price_high=652.63)
    plus_two = dt.timezone(dt.timedelta(hours=2))
    again = dt.datetime(2021, 7, 28, 16, 0, tzinfo=plus_two)
    return ctx.error_of(
        lambda: Tick.objects.create(date_time=again, price_low=1, price_high=2)
    ) or "both stored"


def save_twice(ctx):
    Tick = ctx["Tick"]
    minute = dt.datetime(2021, 7, 28, 14, 1, tzinfo=UTC)
    Tick(date_time=minute, price_low=649.75, price_high=652.63).save(using=ctx.alias)
    error = ctx.error_of(
        lambda: Tick(date_time=minute, price_low=650.0, price_high=651.2).save(using=ctx.alias)
    )
    if error:
        return error
    rows = list(Tick.objects.values_list("price_high", flat=True))
    return "second save overwrites" if rows == [651.2] else f"{len(rows)} rows"


PROBES = [
    Probe(
        "time-microseconds",
        "Does a DateTimeField keep microseconds?",
        same("microseconds kept"),
        DOCS + "#fractional-seconds-support-for-time-and-datetime-fields",
        microseconds,
        (MOMENT,),
    ),
    Probe(
        "time-aware-roundtrip",
        "With USE_TZ, what comes back for a datetime saved at +05:30?",
        same("same instant, UTC"),
        "https://docs.djangoproject.com/en/5.2/topics/i18n/timezones/#database",
        aware_round_trip,
        (MOMENT,),
    ),
    Probe(
        "time-date-local-zone",
        "With a non-UTC current time zone, does `__date` match the local date?",
        # Without the server's time zone tables CONVERT_TZ() returns NULL.
        same("matches", mysql="no match"),
        DOCS + "#time-zone-definitions",
        date_in_local_zone,
        (MOMENT,),
    ),
    Probe(
        "time-dt-pk-same-instant",
        "Do two ticks at the same instant in different offsets collide on a "
        "DateTimeField primary key?",
        same("IntegrityError"),
        SEED_000 + "; https://docs.djangoproject.com/en/5.2/topics/i18n/timezones/",
        same_instant_twice,
        (TICK,),
    ),
    Probe(
        "time-dt-pk-save-twice",
        "Does save() of a second tick with the same DateTimeField primary key fail?",
        # save() with a set pk tries UPDATE first: the earlier tick is silently replaced.
        same("second save overwrites"),
        SEED_000 + "; https://docs.djangoproject.com/en/5.2/ref/models/instances/"
        "#how-django-knows-to-update-vs-insert",
        save_twice,
        (TICK,),
    ),
]
