import secrets

import tests.edgecases.edge_volatile.models
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("edge_volatile", "0002_ticket_created")]
    operations = [
        migrations.AddField("ticket", "stamped", models.DateTimeField(auto_now_add=True)),
        migrations.AddField("ticket", "key", models.CharField(default=secrets.token_hex, max_length=64)),
        migrations.AddField(
            "ticket", "code",
            models.CharField(default=tests.edgecases.edge_volatile.models.make_code, max_length=16),
        ),
    ]
