# DO NOT EDIT: generated from minimal.yaml by `make generate`.
# body-sha256: 0dd366ef575093b7f6586fe4259a000be6a8394db5b3773c6b265722b8afe4a6  generator: codegen 1.0.0
"""Quotes 0.1.0: message models, protocol constants and the operation router."""
