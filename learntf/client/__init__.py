"""Sessions: running graphs (lesson 01)."""
