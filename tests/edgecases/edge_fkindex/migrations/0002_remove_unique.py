from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_fkindex", "0001_initial")]
    operations = [
        # MySQL first creates the index the FK needs (only the unique starts with it).
        migrations.AlterUniqueTogether("pet", set()),
    ]
