from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_check", "0005_qty_not_null")]
    operations = [
        # The named CHECK dropped
        migrations.AlterField("stock", "qty", models.IntegerField(default=0)),
    ]
