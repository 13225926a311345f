"""Everything stored: SQLAlchemy models, the repository, the tracker store."""
