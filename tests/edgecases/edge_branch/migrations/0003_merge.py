from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_branch", "0002_alter_a"), ("edge_branch", "0002_alter_b")]
    operations = []
