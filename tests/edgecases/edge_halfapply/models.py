from django.db import models


class Item(models.Model):
    # 0003 makes it unique and fails (duplicate rows), so the state says unique; the data never allows it.
    name = models.CharField(max_length=20, unique=True)
    code = models.CharField(max_length=10)
    later = models.IntegerField(null=True)

    class Meta:
        indexes = [models.Index(fields=["code"], name="edge_halfapply_code_idx")]
