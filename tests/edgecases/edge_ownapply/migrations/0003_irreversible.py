from django.db import migrations


def touch_notes(apps, schema_editor):
    apps.get_model("edge_ownapply", "Note").objects.update(extra="x")


class Migration(migrations.Migration):
    dependencies = [("edge_ownapply", "0002_note_extra")]
    operations = [
        migrations.RunPython(touch_notes),
        migrations.RunSQL("UPDATE edge_ownapply_note SET text = 'y' WHERE text = ''"),
    ]
