import tests.edgecases.edge_customfield.fields
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Box",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("label", tests.edgecases.edge_customfield.fields.DefaultVendorField()),
            ],
        ),
    ]
