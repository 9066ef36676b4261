package io.weft.bgp.wire;

/** An NLRI together with its family (the family decides how it is encoded). */
public record FamilyNlri(Family family, Nlri nlri) {}
