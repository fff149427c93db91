"""The portability engine: an installable Django app (label ``portability``)."""
