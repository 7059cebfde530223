"""Private conversations between two members (apps.messaging)."""
