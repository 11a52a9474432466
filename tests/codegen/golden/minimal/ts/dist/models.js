// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// spec-sha256: 0c1c548a23076530bcd315eb0881788136cf34c88bd8c94cbcf0c7cabf603226  generator: codegen 1.0.0
/** Types of every schema and message of Quotes 0.1.0. */
/** Every Venue, in spec order. */
export const VENUE_VALUES = ["X", "Y"];
export const CLIENT_TYPES = ["quotes.watch", "quotes.unwatch", "hello"];
export const SERVER_TYPES = ["quotes.watched", "quotes.tick", "welcome"];
