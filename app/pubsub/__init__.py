"""Topics: who subscribes, how a published message is sequenced and delivered, in one process or through a broker."""
