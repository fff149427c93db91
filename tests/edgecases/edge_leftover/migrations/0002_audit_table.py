from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_leftover", "0001_initial")]
    operations = [
        migrations.RunSQL("CREATE TABLE edge_leftover_audit (id integer PRIMARY KEY)", migrations.RunSQL.noop),
    ]
