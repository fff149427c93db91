from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_ownapply", "0003_irreversible")]
    operations = [
        migrations.AddField("note", "later", models.IntegerField(null=True)),
    ]
