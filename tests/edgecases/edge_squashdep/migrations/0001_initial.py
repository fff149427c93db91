import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = [("edge_squash", "0002_author_email")]
    operations = [
        migrations.CreateModel(
            name="Review",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="edge_squash.author")),
                ("text", models.CharField(max_length=200)),
            ],
        ),
    ]
