from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0004_pet_index")]
    operations = [
        # Two indexes start with owner_id now (0002's and this one): nothing to create first.
        migrations.RemoveIndex("pet", "edge_fkindex_pet_on_idx"),
    ]
