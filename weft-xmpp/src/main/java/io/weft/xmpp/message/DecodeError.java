package io.weft.xmpp.message;

/**
 * A well-formed stanza that does not fit the schema.
 *
 * @param reason what is wrong, naming the element
 * @param offset stream offset of the stanza, or -1 when decoded out of a stream
 * @param excerpt the start of the offending element as XML
 */
public record DecodeError(String reason, long offset, String excerpt) implements DecodeResult {}
