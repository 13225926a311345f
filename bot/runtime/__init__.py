"""Training the model and running the servers (used by the `reflect` command)."""
