"""The local SQLite store: one writer, through a repository; ORM rows never leave it."""
