import django.db.models.deletion
import tests.edgecases.edge_datadefault.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_datadefault", "0003_seed_category")]
    operations = [
        # The callable now finds the row 0003 inserted: sqlmigrate prints DEFAULT 7.
        migrations.AddField(
            "entry", "category",
            models.ForeignKey(
                default=tests.edgecases.edge_datadefault.models.first_category_id,
                on_delete=django.db.models.deletion.CASCADE, to="edge_datadefault.category",
            ),
        ),
    ]
