from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_together", "0002_add_uniques")]
    operations = [
        migrations.AlterUniqueTogether("slot", {("a", "b")}),
    ]
