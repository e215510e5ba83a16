"""Admin use-cases: add items, broadcast, push, sources, numbers, admins. Each writes the
audit log first, then acts, and returns a `Reply` like the reader use-cases."""
