package io.weft.bgp.wire;

import java.net.Inet4Address;
import java.util.List;
import java.util.Optional;

/**
 * OPEN, RFC 4271 §4.2:
 * <pre>
 * | version (1) | my AS (2) | hold time (2) | BGP identifier (4) | opt param len (1) | params |
 * </pre>
 * Capabilities travel in optional parameter 2 (RFC 5492 §4). {@code myAs} is the 2-octet
 * field (AS_TRANS when the real AS needs 4 octets, RFC 6793 §4.1).
 */
public record Open(int version, int myAs, int holdTime, Inet4Address bgpId, List<Capability> capabilities)
    implements BgpMessage {
  public static final int VERSION = 4;

  public Open {
    capabilities = List.copyOf(capabilities);
  }

  /** The speaker's AS: the 4-octet AS capability when present, else the 2-octet field. */
  public long effectiveAs() {
    return capability(FourOctetAsCapability.class).map(FourOctetAsCapability::as).orElse((long) myAs);
  }

  public <T extends Capability> Optional<T> capability(Class<T> kind) {
    return capabilities.stream().filter(kind::isInstance).map(kind::cast).findFirst();
  }

  public List<Family> multiprotocolFamilies() {
    return capabilities.stream().filter(MultiprotocolCapability.class::isInstance)
        .map(c -> ((MultiprotocolCapability) c).family()).toList();
  }

  @Override
  public int type() {
    return OPEN;
  }
}
