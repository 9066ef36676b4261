package io.weft.bgp.session;

/**
 * What this speaker advertises in its graceful restart capability (RFC 4724 §3):
 * {@code restartTime} seconds the peer should keep our routes after we go away,
 * {@code forwardingPreserved} whether our forwarding survives a restart (the F bit), and
 * {@code restarting} whether this OPEN follows our own restart (the R bit).
 */
public record GracefulRestartConfig(boolean enabled, int restartTime, boolean forwardingPreserved, boolean restarting) {
  public static final GracefulRestartConfig DISABLED = new GracefulRestartConfig(false, 0, false, false);

  public static GracefulRestartConfig helper(int restartTime) {
    return new GracefulRestartConfig(true, restartTime, false, false);
  }
}
