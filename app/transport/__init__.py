"""The WebSocket side: the uvicorn protocol, one connection per client, its socket link, outbound batching."""
