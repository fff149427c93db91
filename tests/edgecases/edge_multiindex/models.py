from django.db import models


class Code(models.Model):
    code = models.CharField(max_length=30)
    active = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=models.Q(active=True), name="edge_multiindex_active_code",
            ),
        ]
