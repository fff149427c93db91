import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0002_remove_unique")]
    operations = [
        # The FK constraint is dropped (found by introspection) and added again.
        migrations.AlterField(
            "pet", "owner",
            models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to="edge_fkindex.owner"),
        ),
    ]
