import tests.edgecases.edge_datadefault.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_datadefault", "0001_initial")]
    operations = [
        # No category yet: the callable returns None.
        migrations.AddField(
            "entry", "rank",
            models.IntegerField(default=tests.edgecases.edge_datadefault.models.first_category_id, null=True),
        ),
    ]
