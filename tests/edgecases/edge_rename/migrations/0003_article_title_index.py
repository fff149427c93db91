from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_rename", "0002_rename_post_article")]
    operations = [
        migrations.AlterField("article", "title", models.CharField(db_index=True, max_length=80)),
    ]
