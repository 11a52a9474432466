# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 4692b8397ef5bdc02c4b69b82533300fcb82282aa97d5f45f48089023277652c  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
