from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_multiindex", "0004_code_index_again")]
    operations = [
        migrations.AlterField("code", "code", models.CharField(max_length=30)),
    ]
