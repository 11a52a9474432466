# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 4cdd50558a7af1a29b618aa83cbda2a222bd10a5a9c77948193e6f99f8b5d810  generator: codegen 1.0.0
"""Trading WebSockets 1.0.0: message models, protocol constants and the operation router."""
