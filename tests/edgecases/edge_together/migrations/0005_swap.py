from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_together", "0004_add_index_together")]
    operations = [
        migrations.AlterIndexTogether("slot", set()),
        migrations.AlterUniqueTogether("slot", {("a", "c"), ("b", "d")}),
    ]
