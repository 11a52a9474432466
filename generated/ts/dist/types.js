// DO NOT EDIT: generated from asyncapi.yaml by `make generate`.
// body-sha256: 4f2ad4d54ceb12a100fe0581970d5fefa9d9425beed0a0b4f23d59d0cb688879  generator: codegen 1.0.0
/** The public types of the client core: states, events, options, and the protocol tables. */
export {};
