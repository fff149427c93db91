from django.db import models


class Item(models.Model):
    name = models.CharField(max_length=20)
    code = models.CharField(max_length=5, default="")
    note = models.CharField(max_length=20)  # NOT NULL: Oracle stores '' as NULL
    data = models.JSONField(default=dict)
