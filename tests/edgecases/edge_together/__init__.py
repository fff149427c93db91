"""unique_together / index_together changes that add and remove several entries at once.

Django iterates a set of tuples here, so the statements' order depends on the hash seed;
sqlmigrate's ground truth and the engine both render with PYTHONHASHSEED=0."""
