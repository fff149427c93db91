from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0006_visit")]
    operations = [
        # Only this index starts with pet_id: MySQL creates one for the FK before dropping it.
        migrations.RemoveIndex("visit", "edge_fkindex_visit_pd_idx"),
    ]
