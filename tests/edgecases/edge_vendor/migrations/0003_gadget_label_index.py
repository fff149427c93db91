from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_vendor", "0002_gadget_label")]
    operations = [
        migrations.AlterField("gadget", "label", models.CharField(db_index=True, max_length=20, null=True)),
    ]
