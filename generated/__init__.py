# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 690466ac49a7fcd2c08fc64102c3c69bbdfd46a4fc2dc3d82d47d521cfd4a4f5  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
