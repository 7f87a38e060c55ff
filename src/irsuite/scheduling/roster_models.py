"""Models of this area (filled as the area grows)."""
