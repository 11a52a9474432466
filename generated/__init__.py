# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 1efc1ed6805d5fbeaa8222e0965cafced09ff0c984a2eda55b35f86cae55e8ea  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
