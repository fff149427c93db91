from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_check", "0002_qty_null")]
    operations = [
        # A type change that removes the CHECK (found by introspection)
        migrations.AlterField("stock", "qty", models.IntegerField(null=True)),
    ]
