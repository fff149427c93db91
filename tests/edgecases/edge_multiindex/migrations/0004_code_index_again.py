from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_multiindex", "0003_remove_active_code")]
    operations = [
        migrations.AlterField("code", "code", models.CharField(db_index=True, max_length=20)),
        migrations.AddConstraint(
            "code",
            models.UniqueConstraint(
                condition=models.Q(("active", True)), fields=("code",), name="edge_multiindex_active_code",
            ),
        ),
    ]
