# Every operation here makes sqlmigrate look up a name the database chose earlier:
# it cannot be rendered against an empty database, only after 0002 is applied.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("pots_mys", "0002_quote")]

    operations = [
        migrations.RenameIndex(
            model_name="quote", new_name="pots_mys_quote_tv_idx", old_fields=("ticker", "venue")
        ),
        migrations.AlterField(model_name="quote", name="ticker", field=models.CharField(max_length=12)),
        migrations.AlterField(model_name="quote", name="venue", field=models.CharField(max_length=20)),
        migrations.AlterField(model_name="quote", name="volume", field=models.BigIntegerField()),
        migrations.RemoveField(model_name="quote", name="customer"),
    ]
