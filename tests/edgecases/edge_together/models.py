from django.db import models


class Slot(models.Model):
    a = models.CharField(max_length=10)
    b = models.CharField(max_length=10)
    c = models.CharField(max_length=10)
    d = models.IntegerField()

    class Meta:
        unique_together = [("a", "c"), ("b", "d")]
