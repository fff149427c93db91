from django.db import models

LONG_TABLE = "edge_longname_" + "x" * 56  # 70 characters


class Entry(models.Model):
    label = models.CharField(max_length=20)

    class Meta:
        db_table = LONG_TABLE
