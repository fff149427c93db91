import tests.edgecases.edge_customfield.fields
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_customfield", "0001_initial")]
    operations = [
        migrations.AddField("box", "note", tests.edgecases.edge_customfield.fields.DefaultVendorField(null=True)),
    ]
