// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 54c7f277e84414d18a981c3d1721ba5fbb5e7e8c09615b1945eab3c253b81db1  generator: codegen 1.0.0
/** Types of every schema and message of Quotes. */
/** Every Venue, in spec order. */
export const VENUE_VALUES = ["X", "Y"];
export const CLIENT_TYPES = ["quotes.watch", "quotes.unwatch", "hello"];
export const SERVER_TYPES = ["quotes.watched", "quotes.tick", "welcome"];
