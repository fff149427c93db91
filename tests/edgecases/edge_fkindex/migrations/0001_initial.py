import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Owner",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=20)),
            ],
        ),
        migrations.CreateModel(
            name="Pet",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="edge_fkindex.owner")),
                ("name", models.CharField(max_length=20)),
            ],
            # Its first column is the FK: InnoDB drops the index it made for the FK.
            options={"unique_together": {("owner", "name")}},
        ),
    ]
