from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_halfapply", "0002_duplicates")]
    operations = [
        # 1: ADD COLUMN with a default for the rows, 2: DROP DEFAULT.
        migrations.AddField("item", "code", models.CharField(default="x", max_length=10), preserve_default=False),
        # 3: CREATE INDEX.
        migrations.AddIndex("item", models.Index(fields=["code"], name="edge_halfapply_code_idx")),
        # 4: the unique constraint, refused: two rows are named "same".
        migrations.AlterField("item", "name", models.CharField(max_length=20, unique=True)),
        # 5: never runs.
        migrations.AddField("item", "later", models.IntegerField(null=True)),
    ]
