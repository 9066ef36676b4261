package io.weft.control;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.weft.control.bgp.BgpMetrics;
import io.weft.control.bgp.BgpService;
import io.weft.control.config.ConfigIndex;
import io.weft.control.config.ConfigListener;
import io.weft.control.config.ConfigWatcher;
import io.weft.control.dns.DnsMetrics;
import io.weft.control.dns.DnsServer;
import io.weft.control.dns.PortNames;
import io.weft.control.dns.PortZone;
import io.weft.control.introspect.ControlMetrics;
import io.weft.control.introspect.IntrospectServer;
import io.weft.control.rib.Rib;
import io.weft.control.xmpp.AgentSessions;
import io.weft.model.ResourceCodec;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.model.spec.BgpRouterSpec;
import io.weft.xmpp.Jid;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.session.XmppServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A control node: derived config from the config API by watch, the RIB, the XMPP server for
 * agents, and introspect. Threads (pipeline note, after TF's bgp/pipeline.txt):
 * <ul>
 *   <li>config: one virtual thread lists and watches the config API, feeds the config index,
 *       which configures instances in the RIB and re-syncs the config of affected agents;
 *   <li>XMPP: one virtual reader thread per agent session applies its subscribes, publishes and
 *       withdraws to the RIB under the RIB's lock; changes are enqueued per subscribed agent;
 *   <li>output: one virtual sender thread per agent session drains its own bounded,
 *       per-prefix-coalescing queue into stanzas, so only that agent waits on its socket;
 *   <li>graceful restart: one scheduler thread sweeps stale paths when a stale period ends;
 *   <li>introspect: Jetty's virtual threads read the RIB and sessions under their locks;
 *   <li>BGP: see {@link BgpService} (one subscriber to every instance, a session per neighbour);
 *   <li>DNS: the config thread keeps the port names up to date; one virtual thread answers
 *       queries from them (see {@link DnsServer}).
 * </ul>
 */
public final class ControlNode implements AutoCloseable, ConfigListener {
  /** Graceful-restart stale period for a dropped agent (TF's XMPP GR helper keeps routes likewise). */
  public static final Duration DEFAULT_STALE_TIME = Duration.ofSeconds(60);
  /** Pending updates per agent before it is disconnected: far above a full table of a host's instances. */
  public static final int DEFAULT_QUEUE_BOUND = 200_000;
  public static final int DEFAULT_INTROSPECT_PORT = 8083;
  /** The DNS port {@code weft control} serves on unless told otherwise, as contrail-named does. */
  public static final int DEFAULT_DNS_PORT = 53;
  public static final String DEFAULT_DOMAIN = "weft.local";

  /**
   * @param configApi base URL of the config API, e.g. http://127.0.0.1:8082
   * @param token bearer token for the config API, or null
   * @param bindHost address XMPP and introspect listen on
   * @param xmppPort XMPP port (5269; 0 picks a free one)
   * @param introspectPort introspect port (8083; 0 picks one; -1 disables introspect)
   * @param staleTime graceful-restart stale period
   * @param queueBound per-agent pending-update bound
   * @param channel XMPP session parameters (limits, keepalive, hold time)
   * @param dnsPort UDP port of the DNS server for port names, on {@code bindHost} (0 or negative: off, the
   *     default here; {@code weft control} turns it on at {@link #DEFAULT_DNS_PORT})
   * @param domain the DNS domain of port names ({@code <port>.<project>.<domain>})
   */
  public record Settings(String configApi, String token, String bindHost, int xmppPort, int introspectPort,
      Duration staleTime, int queueBound, ChannelConfig channel, int dnsPort, String domain) {
    public Settings {
      Objects.requireNonNull(configApi, "configApi");
      Objects.requireNonNull(bindHost, "bindHost");
      Objects.requireNonNull(staleTime, "staleTime");
      Objects.requireNonNull(channel, "channel");
      if (domain == null) domain = DEFAULT_DOMAIN;
    }

    public static Settings defaults(String configApi) {
      return new Settings(configApi, null, "0.0.0.0", XmppServer.DEFAULT_PORT, DEFAULT_INTROSPECT_PORT,
          DEFAULT_STALE_TIME, DEFAULT_QUEUE_BOUND, ChannelConfig.DEFAULT, -1, DEFAULT_DOMAIN);
    }

    public Settings withPorts(String host, int xmpp, int introspect) {
      return new Settings(configApi, token, host, xmpp, introspect, staleTime, queueBound, channel, dnsPort, domain);
    }

    public Settings withStaleTime(Duration d) {
      return new Settings(configApi, token, bindHost, xmppPort, introspectPort, d, queueBound, channel, dnsPort, domain);
    }

    public Settings withQueueBound(int bound) {
      return new Settings(configApi, token, bindHost, xmppPort, introspectPort, staleTime, bound, channel, dnsPort, domain);
    }

    public Settings withChannel(ChannelConfig c) {
      return new Settings(configApi, token, bindHost, xmppPort, introspectPort, staleTime, queueBound, c, dnsPort, domain);
    }

    public Settings withToken(String t) {
      return new Settings(configApi, t, bindHost, xmppPort, introspectPort, staleTime, queueBound, channel, dnsPort, domain);
    }

    /** DNS for port names on UDP {@code port} (0 or negative: off) in {@code domain}. */
    public Settings withDns(int port, String domain) {
      return new Settings(configApi, token, bindHost, xmppPort, introspectPort, staleTime, queueBound, channel, port, domain);
    }
  }

  private final Settings settings;
  private final Rib rib = new Rib();
  private final ResourceCodec codec = new ResourceCodec();
  private final ConfigIndex config;
  private final AgentSessions sessions;
  private final ConfigWatcher watcher;
  private final BgpService bgp; // null: BGP off
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final PortNames portNames = new PortNames();
  private XmppServer xmpp;
  private DnsServer dns;
  private IntrospectServer introspect;

  private ControlNode(Settings settings, BgpService.Settings bgpSettings) {
    this.settings = settings;
    this.config = new ConfigIndex(codec, this);
    this.sessions = new AgentSessions(rib, config::hostConfig, settings.staleTime(), settings.queueBound());
    this.watcher = new ConfigWatcher(settings.configApi(), settings.token(), codec, config);
    this.bgp = bgpSettings == null ? null : new BgpService(rib, (host, vrf) -> {
      var peer = sessions.peer(host);
      return peer == null ? null : peer.instanceId(vrf);
    }, bgpSettings);
    ControlMetrics.register(registry, rib, sessions);
    if (bgp != null) BgpMetrics.register(registry, bgp);
  }

  /** Starts watching config, accepting agents and serving introspect; no BGP. */
  public static ControlNode start(Settings settings) throws IOException {
    return start(settings, null);
  }

  /** Starts watching config, accepting agents, serving introspect and, with {@code bgp}, BGP as the BgpRouters say. */
  public static ControlNode start(Settings settings, BgpService.Settings bgp) throws IOException {
    ControlNode node = new ControlNode(settings, bgp);
    try {
      node.watcher.start();
      node.xmpp = XmppServer.start(new InetSocketAddress(settings.bindHost(), settings.xmppPort()), Jid.CONTROL,
          settings.channel(), node.sessions);
      if (settings.dnsPort() > 0) node.startDns();
      if (settings.introspectPort() >= 0) {
        node.introspect = new IntrospectServer(node.rib, node.sessions, node.registry, node.codec.json());
        if (node.bgp != null) {
          node.introspect.json("/bgp/peers", node.bgp::status);
          node.introspect.json("/bgp/speaker", node.bgp::summary);
        }
        node.introspect.start(settings.bindHost(), settings.introspectPort());
      }
      return node;
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startDns() throws IOException {
    try {
      dns = DnsServer.start(new InetSocketAddress(settings.bindHost(), settings.dnsPort()), new PortZone(settings.domain(), portNames));
    } catch (IOException e) {
      throw new IOException("DNS on " + settings.bindHost() + ":" + settings.dnsPort() + ": " + e.getMessage(), e);
    }
    DnsMetrics.register(registry, dns, portNames);
  }

  @Override
  public void instanceChanged(String vrf, RoutingInstanceSpec spec) {
    if (spec == null) rib.unconfigure(vrf);
    else rib.configure(vrf, spec.importRouteTargets(), spec.exportRouteTargets());
    if (bgp != null) bgp.instanceChanged(vrf, spec);
  }

  @Override
  public void bgpRoutersChanged(Map<String, BgpRouterSpec> routers) {
    if (bgp != null) bgp.routersChanged(routers);
  }

  @Override
  public void portChanged(String project, String name, PortConfigSpec spec) {
    portNames.put(project, name, spec);
  }

  @Override
  public void hostsChanged(Set<String> hosts) {
    sessions.hostsChanged(hosts);
  }

  public int xmppPort() {
    return xmpp.port();
  }

  /** The DNS port, or -1 when DNS is off. */
  public int dnsPort() {
    return dns == null ? -1 : dns.port();
  }

  /** The introspect port, or -1 when disabled. */
  public int introspectPort() {
    return introspect == null ? -1 : introspect.port();
  }

  public Rib rib() {
    return rib;
  }

  public AgentSessions sessions() {
    return sessions;
  }

  /** BGP, or null when the node runs without it. */
  public BgpService bgp() {
    return bgp;
  }

  public ConfigWatcher configWatcher() {
    return watcher;
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public void close() {
    if (introspect != null) introspect.close();
    if (xmpp != null) xmpp.close();
    if (dns != null) dns.close();
    watcher.close();
    if (bgp != null) bgp.close();
    sessions.close();
  }
}
