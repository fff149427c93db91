from django.db import migrations


def duplicates(apps, schema_editor):
    Item = apps.get_model("edge_halfapply", "Item")
    Item.objects.using(schema_editor.connection.alias).bulk_create([Item(name="same"), Item(name="same")])


class Migration(migrations.Migration):
    dependencies = [("edge_halfapply", "0001_initial")]
    operations = [migrations.RunPython(duplicates, migrations.RunPython.noop)]
