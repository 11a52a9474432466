# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# spec-sha256: 24b7371c5a663e34ae513dead5b3916a007834225af2fb9694d24f14c2422b9f  generator: codegen 1.0.0
"""Quotes 0.1.0: message models, protocol constants and the operation router."""
