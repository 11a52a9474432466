# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: b34ac090d206c6875ebaab2836c25d96a1d3ab2660be3db3e6cc9428697549b6  generator: codegen 1.0.0
"""Quotes: message models, protocol constants and the operation router."""
