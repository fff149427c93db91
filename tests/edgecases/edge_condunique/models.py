from django.db import models


class Page(models.Model):
    slug = models.CharField(max_length=40)
    published = models.BooleanField(default=False)
    deleted = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=models.Q(deleted__isnull=True), name="edge_condunique_live_slug",
            ),
        ]
