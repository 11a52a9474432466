// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 5264ef976a2b9c42fd80cd7a5011a6c9f8c610f531316e47b3a9cfa958fcc157  generator: codegen 1.0.0
/** Types of every schema and message of Quotes 0.1.0. */
/** Every Venue, in spec order. */
export const VENUE_VALUES = ["X", "Y"];
export const CLIENT_TYPES = ["quotes.watch", "quotes.unwatch", "hello"];
export const SERVER_TYPES = ["quotes.watched", "quotes.tick", "welcome"];
