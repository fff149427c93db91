from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_together", "0001_initial")]
    operations = [
        migrations.AlterUniqueTogether("slot", {("a", "b"), ("a", "c"), ("b", "d"), ("c", "d")}),
    ]
