"""Language tools on a spaCy pipeline built from code (no model download)."""
