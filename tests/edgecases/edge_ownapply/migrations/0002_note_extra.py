from django.db import migrations, models
from django.db.migrations.exceptions import IrreversibleError


class IrreversibleMigration(migrations.Migration):
    def unapply(self, project_state, schema_editor, collect_sql=False):
        raise IrreversibleError("Migration %s is not reversible" % self.name)


class Migration(IrreversibleMigration):
    dependencies = [("edge_ownapply", "0001_initial")]
    operations = [
        migrations.AddField("note", "extra", models.CharField(default="", max_length=30)),
    ]

    def apply(self, project_state, schema_editor, collect_sql=False):
        connection = schema_editor.connection
        columns = [c.name for c in connection.introspection.get_table_description(
            connection.cursor(), "edge_ownapply_note")]
        if "extra" in columns:
            # An older release added the column already: only move the state on.
            for operation in self.operations:
                operation.state_forwards(self.app_label, project_state)
            return project_state
        return super().apply(project_state, schema_editor, collect_sql)
