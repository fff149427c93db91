from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_squashdep", "0001_initial")]
    operations = [
        migrations.AlterField("review", "text", models.CharField(max_length=200, unique=True)),
    ]
