package io.weft.agent.dataplane;

import io.weft.forwarder.packet.MacAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A port's interface inside its pod, set up by the agent (root, long-lived) in one go so the
 * CNI plugin makes no {@code ip} calls: the port's TAP (made in the pod by the dataplane where
 * it can, else moved here from the host) under the pod's interface name, its MAC, MTU and up
 * state, then the address and default route —
 * all through rtnetlink ({@link Rtnetlink}), the pod's part on a thread inside the pod's
 * namespace ({@link Netns}).
 */
public final class PodInterfaces {
  private PodInterfaces() {}

  /**
   * What to set up.
   *
   * @param hostIfName the TAP in the host namespace to move, or the host end of a veth (not moved)
   * @param move false when {@code ifName} is already in the pod (a veth the plugin made)
   * @param address null: left to the pod's DHCP client
   */
  public record Setup(String hostIfName, boolean move, String netns, String ifName, String mac, int mtu, String address,
      int prefixLength, String gateway) {}

  /** Idempotent: an interface already in the pod keeps its place and gets the rest again. */
  public static void attach(Setup s) throws IOException {
    if (!Files.exists(Path.of(s.netns()))) throw new IOException("network namespace " + s.netns() + " does not exist");
    byte[] mac = s.mac() == null ? null : MacAddress.parse(s.mac()).toBytes();
    if (s.move()) {
      int hostIndex = Rtnetlink.indexOf(s.hostIfName());
      if (hostIndex > 0) {
        try (Rtnetlink host = new Rtnetlink()) {
          host.setLink(hostIndex, s.netns(), s.ifName(), mac, s.mtu(), true);
        }
      }
    }
    Netns.in(s.netns(), () -> {
      int index = Rtnetlink.indexOf(s.ifName());
      if (index == 0) throw new IOException(s.ifName() + " is not in " + s.netns() + " (and " + s.hostIfName() + " not in the host)");
      try (Rtnetlink pod = new Rtnetlink()) {
        pod.setLink(index, null, null, mac, s.mtu(), true);
        if (s.address() != null) {
          pod.addAddress(index, InetAddress.ofLiteral(s.address()), s.prefixLength());
          if (s.gateway() != null) pod.setDefaultRoute(index, InetAddress.ofLiteral(s.gateway()));
        }
      }
      return null;
    });
  }

  /** Sets {@code name} (in this namespace) up. */
  static void up(String name) throws IOException {
    int index = Rtnetlink.indexOf(name);
    if (index == 0) throw new IOException(name + " does not exist");
    try (Rtnetlink host = new Rtnetlink()) {
      host.setLink(index, null, null, null, 0, true);
    }
  }

  /** Deletes {@code ifName} in the pod; false when the namespace or the interface is gone already. */
  public static boolean remove(String netns, String ifName) throws IOException {
    if (netns == null || ifName == null || !Files.exists(Path.of(netns))) return false;
    return Netns.in(netns, () -> {
      int index = Rtnetlink.indexOf(ifName);
      if (index == 0) return false;
      try (Rtnetlink pod = new Rtnetlink()) {
        pod.deleteLink(index);
        return true;
      } catch (Rtnetlink.Error e) {
        if (e.errno == Rtnetlink.ENODEV) return false;
        throw e;
      }
    });
  }

  /** Whether {@code ifName} exists in the pod's namespace. */
  public static boolean exists(String netns, String ifName) throws IOException {
    if (netns == null || !Files.exists(Path.of(netns))) return false;
    return Netns.in(netns, () -> Rtnetlink.indexOf(ifName) > 0);
  }
}
