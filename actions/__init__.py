"""Rasa SDK actions: thin adapters between the tracker and `bot.*`."""
