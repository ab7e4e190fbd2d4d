"""The DuckDB warehouse: schema migrations, connection handling and batch loads."""
