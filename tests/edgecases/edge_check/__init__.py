"""A PositiveIntegerField's column CHECK, the field then altered again and again: a NULL
change (MySQL's MODIFY: MariaDB drops a column CHECK with it), type changes that drop and
add CHECKs (found by introspection)."""
