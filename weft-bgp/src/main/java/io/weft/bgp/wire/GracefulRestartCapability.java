package io.weft.bgp.wire;

import java.util.List;

/**
 * Graceful restart capability, RFC 4724 §3:
 * <pre>
 * | R N reserved (4 bits) | restart time (12 bits) | then per family: AFI (2) | SAFI (1) | F . . . . . . . (1) |
 * </pre>
 * R: the speaker has restarted; N (RFC 8538): it supports graceful NOTIFICATION;
 * F per family: forwarding state was preserved.
 */
public record GracefulRestartCapability(boolean restartState, boolean notification, int restartTime,
    List<FamilyFlags> families) implements Capability {
  public record FamilyFlags(Family family, boolean forwardingPreserved) {}

  public GracefulRestartCapability {
    families = List.copyOf(families);
    if (restartTime < 0 || restartTime > 0xfff) throw new IllegalArgumentException("restart time");
  }

  @Override
  public int code() {
    return GRACEFUL_RESTART;
  }
}
