from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_leftover", "0002_audit_table")]
    operations = [
        # A database default the server keeps: the round trip finds it where the state says.
        migrations.AddField("note", "priority", models.IntegerField(db_default=3)),
    ]
