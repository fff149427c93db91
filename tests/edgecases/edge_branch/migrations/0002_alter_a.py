from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_branch", "0001_initial")]
    operations = [
        migrations.AlterField("item", "a", models.CharField(db_index=True, max_length=20)),
    ]
