from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_check", "0003_qty_integer")]
    operations = [
        # A type change that adds a named CHECK
        migrations.AlterField("stock", "qty", models.PositiveSmallIntegerField(null=True)),
    ]
