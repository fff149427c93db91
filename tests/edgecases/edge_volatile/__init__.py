"""Defaults that give another value on every run: uuid4, timezone.now, auto_now_add,
secrets.token_hex and a random-string callable of our own."""
