from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_condunique", "0001_initial")]
    operations = [
        migrations.AddConstraint(
            "page",
            models.UniqueConstraint(
                condition=models.Q(("deleted__isnull", True)), fields=("slug",), name="edge_condunique_live_slug",
            ),
        ),
        migrations.RemoveConstraint("page", "edge_condunique_pub_slug"),
    ]
