"""The one set of model definitions, as abstract bases; pots.mirror makes each app's copies.

Field names avoid Oracle's reserved words and datatype names (date, number, float,
timestamp, ...); where a seed names a column, db_column keeps the seed's name.
"""

import uuid

from django.db import models


class PotBase(models.Model):
    """Seed 003's POTS table; the columns keep the seed's upper-case names."""

    type = models.CharField(max_length=20, db_column="TYPE")
    size = models.CharField(max_length=20, db_column="SIZE")
    available = models.BooleanField(db_column="AVAILABLE")
    dirty = models.BooleanField(db_column="DIRTY")

    class Meta:
        abstract = True


class StockBase(models.Model):
    """Seed 000's price ticks: a DateTimeField is the primary key."""

    date_time = models.DateTimeField(primary_key=True)
    price_low = models.FloatField()
    price_high = models.FloatField()

    class Meta:
        abstract = True


class CustomerBase(models.Model):
    """Seed 001 (singular names here; the seed's Customers/Products/Orders)."""

    name = models.CharField(max_length=250)

    class Meta:
        abstract = True


class ProductBase(models.Model):
    name = models.CharField(max_length=250)
    price = models.DecimalField(max_digits=18, decimal_places=2)

    class Meta:
        abstract = True


class OrderBase(models.Model):
    subtotal = models.DecimalField(max_digits=18, decimal_places=2)
    # Unqualified names resolve inside the concrete model's own app.
    customer = models.ForeignKey("Customer", on_delete=models.CASCADE, null=True)
    products = models.ManyToManyField("Product")

    class Meta:
        abstract = True


class FieldZooBase(models.Model):
    """One column of every built-in concrete field type, for the type matrix."""

    big_integer = models.BigIntegerField()
    binary_data = models.BinaryField()
    flag = models.BooleanField()
    char_text = models.CharField(max_length=40)
    date_on = models.DateField()  # not "date": an Oracle datatype name
    moment = models.DateTimeField()  # not "timestamp"
    amount = models.DecimalField(max_digits=12, decimal_places=4)
    span = models.DurationField()
    email = models.EmailField()
    upload = models.FileField(upload_to="zoo/")
    file_path = models.FilePathField(path="zoo")
    ratio = models.FloatField()  # not "float"
    ip_address = models.GenericIPAddressField()
    count = models.IntegerField()  # not "number"
    document = models.JSONField()
    positive_big = models.PositiveBigIntegerField()
    positive = models.PositiveIntegerField()
    positive_small = models.PositiveSmallIntegerField()
    slug = models.SlugField()
    small_integer = models.SmallIntegerField()
    body = models.TextField()
    time_of_day = models.TimeField()
    url = models.URLField()
    uuid = models.UUIDField(default=uuid.uuid4)

    class Meta:
        abstract = True


class BigAutoPkBase(models.Model):
    id = models.BigAutoField(primary_key=True)
    label = models.CharField(max_length=20)

    class Meta:
        abstract = True


class SmallAutoPkBase(models.Model):
    id = models.SmallAutoField(primary_key=True)
    label = models.CharField(max_length=20)

    class Meta:
        abstract = True


class QuoteBase(models.Model):
    """Seed 004's ingested quotes. Its migrations (0002, 0003) take the paths where
    sqlmigrate must ask the database what exists: RenameIndex(old_fields=...), dropping
    a unique constraint, an index, a CHECK and a foreign key."""

    ticker = models.CharField(max_length=12)
    venue = models.CharField(max_length=20)
    volume = models.BigIntegerField()
    price = models.DecimalField(max_digits=18, decimal_places=4)

    class Meta:
        abstract = True
        indexes = [models.Index(fields=["ticker", "venue"], name="%(app_label)s_quote_tv_idx")]


# Concrete name -> abstract base, in the order each app's models.py unpacks them.
BASES = {
    "Pot": PotBase,
    "Stock": StockBase,
    "Customer": CustomerBase,
    "Product": ProductBase,
    "Order": OrderBase,
    "FieldZoo": FieldZooBase,
    "BigAutoPk": BigAutoPkBase,
    "SmallAutoPk": SmallAutoPkBase,
    "Quote": QuoteBase,
}
