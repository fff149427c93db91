from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_multiindex", "0002_code_no_index")]
    operations = [
        migrations.RemoveConstraint("code", "edge_multiindex_active_code"),
    ]
