import django.utils.timezone
import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_volatile", "0001_initial")]
    operations = [
        migrations.RemoveField("ticket", "token"),
        migrations.AddField("ticket", "token", models.UUIDField(default=uuid.uuid4)),
        migrations.AddField("ticket", "created", models.DateTimeField(default=django.utils.timezone.now)),
    ]
