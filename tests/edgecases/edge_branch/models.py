from django.db import models


class Item(models.Model):
    a = models.CharField(max_length=40, db_index=True)
    b = models.CharField(max_length=30)
    c = models.IntegerField(default=0)
