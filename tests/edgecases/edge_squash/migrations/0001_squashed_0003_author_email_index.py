from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("edge_squash", "0001_initial"),
        ("edge_squash", "0002_author_email"),
        ("edge_squash", "0003_author_email_index"),
    ]
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=100)),
                ("email", models.CharField(db_index=True, max_length=200)),
            ],
        ),
    ]
