from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    operations = [
        migrations.CreateModel(
            name="Doc",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("title", models.CharField(db_index=True, max_length=100)),
                ("summary", models.CharField(max_length=100)),
                ("body", models.TextField()),
            ],
        ),
        migrations.CreateModel(
            name="Memo",
            fields=[
                ("id", models.AutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("body", models.TextField()),
                ("note", models.CharField(db_index=True, max_length=50)),
            ],
        ),
    ]
