from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_vendor", "0003_gadget_label_index")]
    operations = [
        # Drops every plain index of the column: Django's and the one 0002's RunSQL made.
        migrations.AlterField("gadget", "label", models.CharField(max_length=20, null=True)),
    ]
