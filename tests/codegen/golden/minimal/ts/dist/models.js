// DO NOT EDIT: generated from minimal.yaml by `make generate`.
// body-sha256: 006cab84cbedea8a5c38e92e89bd1da6ca781d9266a85197e9c2d889f84d89de  generator: codegen 1.0.0
/** Types of every schema and message of Quotes. */
/** Every Venue, in spec order. */
export const VENUE_VALUES = ["X", "Y"];
export const CLIENT_TYPES = ["quotes.watch", "quotes.unwatch", "hello"];
export const SERVER_TYPES = ["quotes.watched", "quotes.unwatched", "quotes.tick", "welcome"];
