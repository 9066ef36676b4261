package io.weft.forwarder;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * How a forwarder runs. {@code underlay} empty means no tunnel sockets (a single-host
 * forwarder). {@code clock} gives nanoseconds (tests inject one); {@code agingInterval}
 * zero means the agent or a test calls {@link Forwarder#ageFlows()} itself. {@code underlayMtu}
 * bounds the datagrams sent to other hosts (0: the MTU of the interface holding the
 * underlay address, 65 536 on loopback); TSO segments that do not fit are cut in software.
 * {@code portMtu} is the workloads' MTU: large TCP packets from the tunnel reach a TAP as
 * GSO segments of that size.
 */
public record ForwarderConfig(Optional<InetAddress> underlay, int mplsUdpPort, int vxlanPort, boolean mplsOverGre,
    List<Encapsulation> encapsulationPriority, LongSupplier clock, Duration flowIdleTimeout,
    Duration tcpClosingTimeout, Duration holdTimeout, Duration agingInterval, int perPortFlowLimit, int agentQueue,
    int underlayMtu, int portMtu) {

  public ForwarderConfig {
    encapsulationPriority = List.copyOf(encapsulationPriority);
  }

  /** Defaults as the original: 180 s idle, MPLSoUDP before MPLSoGRE before VXLAN. */
  public static ForwarderConfig defaults() {
    return new ForwarderConfig(Optional.empty(), 6635, 4789, true,
        List.of(Encapsulation.MPLS_UDP, Encapsulation.MPLS_GRE, Encapsulation.VXLAN), System::nanoTime,
        Duration.ofSeconds(180), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(1), 100_000, 4096,
        0, 1500);
  }

  public ForwarderConfig withUnderlay(InetAddress address) {
    return new ForwarderConfig(Optional.of(address), mplsUdpPort, vxlanPort, mplsOverGre, encapsulationPriority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, perPortFlowLimit, agentQueue, underlayMtu, portMtu);
  }

  public ForwarderConfig withEncapsulationPriority(List<Encapsulation> priority) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, mplsOverGre, priority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, perPortFlowLimit, agentQueue, underlayMtu, portMtu);
  }

  /** An injected clock and no aging thread: the caller sweeps with {@link Forwarder#ageFlows()}. */
  public ForwarderConfig withClock(LongSupplier nanos) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, mplsOverGre, encapsulationPriority, nanos,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, Duration.ZERO, perPortFlowLimit, agentQueue, underlayMtu, portMtu);
  }

  public ForwarderConfig withPerPortFlowLimit(int limit) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, mplsOverGre, encapsulationPriority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, limit, agentQueue, underlayMtu, portMtu);
  }

  public ForwarderConfig withMplsOverGre(boolean enabled) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, enabled, encapsulationPriority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, perPortFlowLimit, agentQueue, underlayMtu, portMtu);
  }

  public ForwarderConfig withUnderlayMtu(int mtu) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, mplsOverGre, encapsulationPriority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, perPortFlowLimit, agentQueue, mtu, portMtu);
  }

  public ForwarderConfig withPortMtu(int mtu) {
    return new ForwarderConfig(underlay, mplsUdpPort, vxlanPort, mplsOverGre, encapsulationPriority, clock,
        flowIdleTimeout, tcpClosingTimeout, holdTimeout, agingInterval, perPortFlowLimit, agentQueue, underlayMtu, mtu);
  }
}
