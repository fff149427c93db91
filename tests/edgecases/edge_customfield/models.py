from django.db import models

from .fields import DefaultVendorField


class Box(models.Model):
    label = DefaultVendorField()
    note = DefaultVendorField(null=True)
