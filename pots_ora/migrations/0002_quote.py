# The Quote table as first ingested: a unique ticker, an indexed venue, a positive
# volume, a link to a customer and an index_together — each undone by 0003.
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [("pots_ora", "0001_initial")]

    operations = [
        migrations.CreateModel(
            name="Quote",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("ticker", models.CharField(max_length=12, unique=True)),
                ("venue", models.CharField(db_index=True, max_length=20)),
                ("volume", models.PositiveIntegerField()),
                ("price", models.DecimalField(decimal_places=4, max_digits=18)),
                (
                    "customer",
                    models.ForeignKey(null=True, on_delete=django.db.models.deletion.CASCADE, to="pots_ora.customer"),
                ),
            ],
            options={"index_together": {("ticker", "venue")}},
        ),
    ]
