"""The HTTP endpoints: publishing, history, docs, health, metrics and the demo page."""
