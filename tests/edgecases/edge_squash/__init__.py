"""A squashed migration shipped beside the three it replaces (sqlmigrate loads both), a
later migration depending on the squashed one, and edge_squashdep depending on a replaced one."""
