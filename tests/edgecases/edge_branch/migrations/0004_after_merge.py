from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_branch", "0003_merge")]
    operations = [
        migrations.AlterField("item", "a", models.CharField(db_index=True, max_length=40)),
        migrations.AlterField("item", "b", models.CharField(max_length=30)),
    ]
