"""AddField whose callable default queries the database: only a server with its data can
say what sqlmigrate prints (offline: needs-server, naming the callable)."""
