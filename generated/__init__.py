# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 9fb616c9678236ad87af17468dac8272f4aabbba600ea3dc1822128721036629  generator: codegen 1.0.0
"""Trading WebSockets 1.2.0: message models, protocol constants and the operation router."""
