from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_squash", "0002_author_email")]
    operations = [
        migrations.AlterField("author", "email", models.CharField(db_index=True, max_length=200)),
    ]
