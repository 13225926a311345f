"""Exploratory mode: reflections, open questions, themes and patterns."""
