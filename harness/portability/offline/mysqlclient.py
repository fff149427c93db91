"""What mysqlclient's ``Connection.escape(value, encoders)`` returns, without a connection.

Django's MySQL ``quote_value`` (what sqlmigrate inlines) calls it and decodes the result only
for ``str`` values, so every other type prints as Python bytes: ``DEFAULT b'0'`` for
``False``, ``b"'2000-01-01'"`` for a date. The offline MySQL/MariaDB profiles print exactly
that, as sqlmigrate does with mysqlclient, the driver Django recommends.

With mysqlclient installed its own module-level ``escape`` is used (the same C code, with
utf8 as the connection's utf8mb4 maps to); without it, :func:`emulated_escape` reproduces
mysqlclient 2.2–2.3 (tests compare the two).
"""

from __future__ import annotations

import array
import datetime
import sys
from decimal import Decimal

# mysql_real_escape_string's replacements (the server's default sql_mode: backslash escapes).
_ESCAPES = {0: b"\\0", 10: b"\\n", 13: b"\\r", 92: b"\\\\", 39: b"\\'", 34: b'\\"', 26: b"\\Z"}


def string_literal(value) -> bytes:
    raw = bytes(value) if isinstance(value, (bytes, bytearray)) else str(value).encode("utf8")
    return b"'" + b"".join(_ESCAPES.get(byte, bytes((byte,))) for byte in raw) + b"'"


def _float(value, _):
    text = repr(value)
    if text in ("inf", "-inf", "nan"):
        from django.db.utils import ProgrammingError  # what mysqlclient raises, by name

        raise ProgrammingError(f"{text} can not be used with MySQL")
    return text if "e" in text else text + "e0"


def _timestamp(value: datetime.datetime) -> str:
    text = f"{value.year:04}-{value.month:02}-{value.day:02} {value.hour:02}:{value.minute:02}:{value.second:02}"
    return f"{text}.{value.microsecond:06}" if value.microsecond else text


def _timedelta(value: datetime.timedelta) -> str:
    sign = "-" if value.days < 0 else ""
    value = abs(value)
    minutes, seconds = divmod(value.seconds, 60)
    hours, minutes = divmod(minutes, 60)
    text = f"{sign}{value.days} {hours}:{minutes}:{seconds}"
    return f"{text}.{value.microseconds:06d}" if value.microseconds else text


# MySQLdb.converters.conversions, the entries keyed by type (exact type, as the C lookup).
ENCODERS = {
    int: lambda v, _: str(v),
    float: _float,
    type(None): lambda v, _: b"NULL",
    array.array: lambda v, _: string_literal(v.tobytes()),
    bool: lambda v, _: b"1" if v else b"0",
    datetime.date: lambda v, _: string_literal(v),
    datetime.datetime: lambda v, _: string_literal(_timestamp(v)),
    datetime.timedelta: lambda v, _: string_literal(_timedelta(v)),
    Decimal: lambda v, _: format(v, "f"),
}


def emulated_escape(value):
    encoder = ENCODERS.get(type(value))
    return string_literal(value) if encoder is None else encoder(value, ENCODERS)


def _real_escape():
    module = sys.modules.get("MySQLdb")
    if module is not None and module.__name__ != "MySQLdb":  # PyMySQL standing in
        return None
    try:
        from MySQLdb import _mysql, converters
    except ImportError:
        return None
    encoders = {k: v for k, v in converters.conversions.items() if type(k) is not int}
    return lambda value: _mysql.escape(value, encoders)


_ESCAPE = None


def escape(value):
    """``Connection.escape(value, connection.encoders)`` of a mysqlclient connection."""
    global _ESCAPE
    if _ESCAPE is None:
        _ESCAPE = _real_escape() or emulated_escape
    return _ESCAPE(value)


def quote_value(value):
    """Django's MySQL ``DatabaseSchemaEditor.quote_value`` with mysqlclient."""
    quoted = escape(value)
    if isinstance(value, str) and isinstance(quoted, bytes):
        quoted = quoted.decode()
    return quoted
