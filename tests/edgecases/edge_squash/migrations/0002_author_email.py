from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_squash", "0001_initial")]
    operations = [
        migrations.AddField("author", "email", models.CharField(default="", max_length=200), preserve_default=False),
        migrations.AlterField("author", "name", models.CharField(max_length=100)),
    ]
