"""A migration whose fourth statement fails on real data: a unique constraint over rows a
data migration made duplicate. Where DDL is not transactional (MariaDB) the three
statements before it stay applied; on PostgreSQL nothing does."""
