"""Use cases. Each public method checks the actor's permission, runs one unit of work and
returns frozen dataclasses (never ORM objects)."""
