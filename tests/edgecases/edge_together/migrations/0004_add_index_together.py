from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_together", "0003_remove_uniques")]
    operations = [
        migrations.AlterIndexTogether("slot", {("a", "d"), ("b", "c"), ("c", "d")}),
    ]
