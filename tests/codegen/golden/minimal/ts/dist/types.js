// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 0c1c548a23076530bcd315eb0881788136cf34c88bd8c94cbcf0c7cabf603226  generator: codegen 1.0.0
/** The public types of the client core: states, events, options, and the protocol tables. */
export {};
