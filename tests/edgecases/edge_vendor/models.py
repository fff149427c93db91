from django.db import models


class Gadget(models.Model):
    name = models.CharField(max_length=40)
    label = models.CharField(max_length=20, null=True)
