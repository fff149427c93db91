import secrets
import uuid

from django.db import models
from django.utils import timezone


def make_code():
    """A random 16-character code (not one of the callables the engine knows by name)."""
    return secrets.token_hex(8)


class Ticket(models.Model):
    name = models.CharField(max_length=20)
    token = models.UUIDField(default=uuid.uuid4)
    created = models.DateTimeField(default=timezone.now)
    stamped = models.DateTimeField(auto_now_add=True)
    key = models.CharField(max_length=64, default=secrets.token_hex)
    code = models.CharField(max_length=16, default=make_code)
