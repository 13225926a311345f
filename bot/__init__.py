"""Reflect: a private reflection companion built on Rasa."""
import os

# Privacy: Rasa must never send usage data anywhere.
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
