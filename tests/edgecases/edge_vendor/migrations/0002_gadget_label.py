from django.db import connection, migrations, models

# Read when the module is imported: the default alias decides what this migration does.
if connection.vendor == "postgresql":
    SQL = [
        'ALTER TABLE "edge_vendor_gadget" ADD COLUMN "label" varchar(20) NULL',
        'CREATE INDEX "edge_vendor_gadget_label_pg" ON "edge_vendor_gadget" ("label")',
    ]
    REVERSE_SQL = [
        'DROP INDEX "edge_vendor_gadget_label_pg"',
        'ALTER TABLE "edge_vendor_gadget" DROP COLUMN "label"',
    ]
elif connection.vendor == "mysql":
    INDEX = "edge_vendor_gadget_label_mdb" if connection.mysql_is_mariadb else "edge_vendor_gadget_label_my"
    SQL = [
        "ALTER TABLE `edge_vendor_gadget` ADD COLUMN `label` varchar(20) NULL",
        f"CREATE INDEX `{INDEX}` ON `edge_vendor_gadget` (`label`)",
    ]
    REVERSE_SQL = [
        f"DROP INDEX `{INDEX}` ON `edge_vendor_gadget`",
        "ALTER TABLE `edge_vendor_gadget` DROP COLUMN `label`",
    ]
elif connection.vendor == "sqlite":
    SQL = [
        'ALTER TABLE "edge_vendor_gadget" ADD COLUMN "label" varchar(20) NULL',
        'CREATE INDEX "edge_vendor_gadget_label_lite" ON "edge_vendor_gadget" ("label")',
    ]
    REVERSE_SQL = [
        'DROP INDEX "edge_vendor_gadget_label_lite"',
        'ALTER TABLE "edge_vendor_gadget" DROP COLUMN "label"',
    ]
else:
    SQL = ['ALTER TABLE "EDGE_VENDOR_GADGET" ADD ("LABEL" NVARCHAR2(20) NULL)']
    REVERSE_SQL = ['ALTER TABLE "EDGE_VENDOR_GADGET" DROP COLUMN "LABEL"']


class Migration(migrations.Migration):
    dependencies = [("edge_vendor", "0001_initial")]
    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(SQL, REVERSE_SQL)],
            state_operations=[migrations.AddField("gadget", "label", models.CharField(max_length=20, null=True))],
        ),
    ]
