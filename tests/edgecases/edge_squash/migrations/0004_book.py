import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_squash", "0001_squashed_0003_author_email_index")]
    operations = [
        migrations.CreateModel(
            name="Book",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(max_length=100)),
                ("author", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to="edge_squash.author")),
            ],
        ),
    ]
