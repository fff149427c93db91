from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_datadefault", "0002_entry_rank")]
    operations = [
        migrations.RunSQL(
            "INSERT INTO edge_datadefault_category (id, name) VALUES (7, 'seven')",
            "DELETE FROM edge_datadefault_category WHERE id = 7",
        ),
    ]
