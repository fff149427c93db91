from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_branch", "0001_initial")]
    operations = [
        migrations.AlterField("item", "b", models.CharField(max_length=30, unique=True)),
    ]
