# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# spec-sha256: 186f6d63465ebc8402d227b9c214a69d4dec095009ff8a598ba3ec837ddd4dad  generator: codegen 1.0.0
"""Trading WebSockets 1.1.0: message models, protocol constants and the operation router."""
