from django.db import models


class Stock(models.Model):
    qty = models.IntegerField(default=0)
