"""Indexes created by RunSQL (on MySQL also FULLTEXT ones) that a later migration's
introspection sees: an AlterField dropping the column's plain indexes (the raw one too,
never the FULLTEXT one), and an index_together removal MySQL finds two candidates for."""
