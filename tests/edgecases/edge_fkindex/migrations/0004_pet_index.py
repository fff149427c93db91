from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0003_owner_null")]
    operations = [
        migrations.AddIndex("pet", models.Index(fields=["owner", "name"], name="edge_fkindex_pet_on_idx")),
    ]
