# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 983921df6c97ba8f6c49af61bb6c0182ebee729cfcd8f6a78ef24fa255f134d6  generator: codegen 1.0.0
"""Trading WebSockets: message models, protocol constants and the operation router."""
