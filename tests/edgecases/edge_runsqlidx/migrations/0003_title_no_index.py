from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_runsqlidx", "0002_raw_indexes")]
    operations = [
        # Drops Django's index and 0002's raw one (both BTREE), not the FULLTEXT ones.
        migrations.AlterField("doc", "title", models.CharField(max_length=100)),
    ]
