from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_runsqlidx", "0005_remove_index_together")]
    operations = [
        # Introspects the memo table, which (on MySQL) 0002's CREATE FULLTEXT INDEX changed.
        migrations.AlterField("memo", "note", models.CharField(max_length=50)),
    ]
