from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_check", "0004_qty_positive_small")]
    operations = [
        # A NULL change again: a named (table) CHECK survives MODIFY
        migrations.AlterField("stock", "qty", models.PositiveSmallIntegerField(default=0)),
    ]
