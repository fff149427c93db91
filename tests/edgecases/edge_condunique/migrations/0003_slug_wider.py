from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_condunique", "0002_live_slug")]
    operations = [
        # SQLite remakes the table and writes the partial index again.
        migrations.AlterField("page", "slug", models.CharField(max_length=40)),
    ]
