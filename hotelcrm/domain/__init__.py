"""Pure rules: validation, workflow, permissions, points, matching. No I/O, no SQL."""
