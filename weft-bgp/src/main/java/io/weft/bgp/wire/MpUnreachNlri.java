package io.weft.bgp.wire;

import java.util.List;

/**
 * MP_UNREACH_NLRI, RFC 4760 §4: | AFI (2) | SAFI (1) | withdrawn NLRI ... |.
 * With no NLRI and alone in an UPDATE it is the End-of-RIB marker of its family (RFC 4724 §2).
 */
public record MpUnreachNlri(Family family, List<Nlri> withdrawn) implements PathAttribute {
  public MpUnreachNlri {
    withdrawn = List.copyOf(withdrawn);
  }

  @Override
  public int typeCode() {
    return MP_UNREACH_NLRI;
  }
}
