from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_multiindex", "0001_initial")]
    operations = [
        migrations.AlterField("code", "code", models.CharField(max_length=20)),
    ]
