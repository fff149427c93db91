import django.db.models.deletion
import tests.edgecases.edge_datadefault.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_datadefault", "0004_entry_category")]
    operations = [
        # Drops the FK 0004 added (found by introspection) and adds it again.
        migrations.AlterField(
            "entry", "category",
            models.ForeignKey(
                default=tests.edgecases.edge_datadefault.models.first_category_id, null=True,
                on_delete=django.db.models.deletion.CASCADE, to="edge_datadefault.category",
            ),
        ),
    ]
