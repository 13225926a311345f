"""Custom Rasa graph components used in config.yml."""
