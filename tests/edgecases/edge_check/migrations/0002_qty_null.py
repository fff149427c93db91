from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_check", "0001_initial")]
    operations = [
        # A NULL change: MySQL redefines the column (MODIFY)
        migrations.AlterField("stock", "qty", models.PositiveIntegerField(null=True)),
    ]
