# DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
# body-sha256: 680a30729edf08858476c9d59da569e55f5d89f4447e9d425fbfb53ec8adc3be  generator: codegen 1.0.0
"""Trading WebSockets 1.2.0: message models, protocol constants and the operation router."""
