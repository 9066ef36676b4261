package io.weft.dns;

/** A question entry (RFC 1035 §4.1.2): QNAME without the trailing dot, QTYPE, QCLASS. */
public record DnsQuestion(String name, int type, int qclass) {}
