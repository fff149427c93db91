from django.db import models


class Note(models.Model):
    text = models.CharField(max_length=30)
    extra = models.CharField(max_length=30, default="")
    later = models.IntegerField(null=True)
