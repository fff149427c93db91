from django.db import migrations

from tests.edgecases.edge_runsqlidx.operations import VendorRunSQL


class Migration(migrations.Migration):
    dependencies = [("edge_runsqlidx", "0001_initial")]
    operations = [VendorRunSQL()]
