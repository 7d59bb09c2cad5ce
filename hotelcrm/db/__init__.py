"""Engine, sessions, SQLite pragmas, models and migrations glue."""
