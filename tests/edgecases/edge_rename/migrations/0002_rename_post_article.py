from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_rename", "0001_initial")]
    operations = [
        migrations.RenameModel("Post", "Article"),
        migrations.AlterField("article", "title", models.CharField(max_length=80)),
    ]
