from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("edge_runsqlidx", "0003_title_no_index")]
    operations = [
        migrations.AlterIndexTogether("doc", {("title", "summary")}),
    ]
