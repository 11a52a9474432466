"""Who may connect: origins and JWTs checked before a WebSocket is accepted."""
