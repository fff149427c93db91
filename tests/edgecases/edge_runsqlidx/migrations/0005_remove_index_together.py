from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_runsqlidx", "0004_index_together")]
    operations = [
        # On MySQL the FULLTEXT index on (title, summary) matches too: Django finds two.
        migrations.AlterIndexTogether("doc", set()),
    ]
