from django.db import models


def first_category_id():
    """The id of the first category, or None when there is none (reads the database)."""
    return Category.objects.order_by("pk").values_list("pk", flat=True).first()


class Category(models.Model):
    name = models.CharField(max_length=30)


class Entry(models.Model):
    title = models.CharField(max_length=30)
    category = models.ForeignKey(Category, models.CASCADE, default=first_category_id, null=True)
    rank = models.IntegerField(null=True, default=first_category_id)
