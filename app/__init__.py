"""trading-ws: the real-time bars WebSocket service (see asyncapi.yaml)."""
