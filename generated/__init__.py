# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 1ee994e920610f73080e5f2cbb1d6b4e0d3d36f2816f33f2ed1d8368b9463659  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
