import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0005_remove_pet_index")]
    operations = [
        migrations.CreateModel(
            name="Visit",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("pet", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="edge_fkindex.pet")),
                ("day", models.DateField()),
            ],
            options={"indexes": [models.Index(fields=["pet", "day"], name="edge_fkindex_visit_pd_idx")]},
        ),
    ]
