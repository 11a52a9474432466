# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: fef3a75ca3e08b5577e36072f03a9b208c16d34ad737b22fa49e6622a88dbe62  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
