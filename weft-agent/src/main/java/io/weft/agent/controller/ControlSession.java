package io.weft.agent.controller;

import io.weft.agent.Agent;
import io.weft.agent.AgentOptions;
import io.weft.agent.oper.ConfigTable;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Names;
import io.weft.agent.oper.Route;
import io.weft.agent.oper.TagIds;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.AgentEndOfRib;
import io.weft.xmpp.message.Collection;
import io.weft.xmpp.message.CollectionAction;
import io.weft.xmpp.message.ConfigChange;
import io.weft.xmpp.message.ConfigOp;
import io.weft.xmpp.message.ConfigUpdate;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EndOfRib;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.RouteEvent;
import io.weft.xmpp.message.Subscribe;
import io.weft.xmpp.message.UnicastEntry;
import io.weft.xmpp.message.UnicastNlri;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.session.CloseReason;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.session.XmppListener;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One XMPP session to one control node. The reader thread (weft-xmpp's, one virtual thread
 * per channel) applies received routes and config; a virtual thread reconnects while the
 * session is down. {@code channel} is volatile; resync bookkeeping is guarded by this.
 */
public final class ControlSession implements XmppListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ControlSession.class);
  static final Duration RETRY = Duration.ofSeconds(1);

  private final Agent agent;
  private final Controllers owner;
  private final int index;
  private final InetSocketAddress address;
  private final AgentOptions options;
  private final ResourceCodec codec = new ResourceCodec();
  private final AtomicLong ids = new AtomicLong();
  private volatile XmppChannel channel;
  private volatile boolean closed;
  private volatile boolean reconnecting;
  private Map<String, Set<String>> beforeResync;
  private Map<String, Set<String>> refreshed = new HashMap<>();
  private final AtomicLong established = new AtomicLong();

  ControlSession(Agent agent, Controllers owner, int index, InetSocketAddress address, AgentOptions options) {
    this.agent = agent;
    this.owner = owner;
    this.index = index;
    this.address = address;
    this.options = options;
  }

  void start() {
    try {
      connect();
    } catch (IOException e) {
      LOG.info("control node {} unreachable ({}); retrying", address, e.getMessage());
      retryInBackground();
    }
  }

  public InetSocketAddress address() {
    return address;
  }

  public boolean connected() {
    XmppChannel ch = channel;
    return ch != null && ch.isOpen();
  }

  /** How many times this session has come up. */
  public long establishedCount() {
    return established.get();
  }

  private Jid me() {
    return Jid.agent(options.host());
  }

  private static Jid bgp() {
    return Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
  }

  private synchronized void connect() throws IOException {
    XmppChannel ch = XmppChannel.connect(address, me(), Jid.CONTROL, ChannelConfig.DEFAULT, this);
    beforeResync = agent.vrfs().snapshot(index);
    refreshed = new HashMap<>();
    List<XmppMessage> out = new ArrayList<>();
    out.add(new Subscribe(me(), Jid.CONTROL.withResource(Jid.RESOURCE_CONFIG), "subscribe" + ids.incrementAndGet(),
        Names.virtualRouterNode(options.host()), null, null));
    for (String vrf : owner.localVrfs()) {
      out.add(new Subscribe(me(), bgp(), "subscribe" + ids.incrementAndGet(), vrf, owner.instanceId(vrf), null));
    }
    for (Route r : owner.localRoutes()) addPublish(out, r, true);
    out.add(new AgentEndOfRib(me(), bgp(), "eor" + ids.incrementAndGet()));
    channel = ch;
    ch.sendAll(out);
    established.incrementAndGet();
    agent.metrics().sessionUp(index);
    LOG.info("session to control node {} established", address);
  }

  void subscribe(String vrf) {
    XmppChannel ch = channel;
    if (ch != null) ch.send(new Subscribe(me(), bgp(), "subscribe" + ids.incrementAndGet(), vrf, owner.instanceId(vrf), null));
  }

  void publish(Route r, boolean add) {
    XmppChannel ch = channel;
    if (ch == null) return;
    List<XmppMessage> out = new ArrayList<>(2);
    addPublish(out, r, add);
    ch.sendAll(out);
  }

  private void addPublish(List<XmppMessage> out, Route r, boolean add) {
    UnicastEntry e = entryFor(r);
    Publish pub = new Publish(me(), bgp(), "pubsub" + ids.incrementAndGet(), r.vrf(), e);
    out.add(pub);
    out.add(new Collection(me(), bgp(), "collection" + ids.incrementAndGet(), r.vrf(), pub.node().toString(),
        add ? CollectionAction.ASSOCIATE : CollectionAction.DISSOCIATE));
  }

  /** The route this agent publishes for a local port address: tags and groups as numeric ids. */
  UnicastEntry entryFor(Route r) {
    List<Encapsulation> encaps = new ArrayList<>();
    for (String s : r.encapsulations()) {
      Encapsulation x = Encapsulation.fromXml(s);
      if (x != null) encaps.add(x);
    }
    List<Long> tags = r.tags().stream().map(TagIds::tagId).toList();
    List<Long> groups = r.securityGroups().stream().map(TagIds::groupId).toList();
    int af = r.prefix().contains(":") ? 2 : 1;
    NextHop hop = new NextHop(1, r.nextHop(), r.mac(), r.label(), r.vni() == 0 ? null : r.vni(), null, encaps, r.network(), tags,
        null);
    return new UnicastEntry(new UnicastNlri(af, 1, r.prefix()), List.of(hop), null, r.network(), null, null, groups, List.of(), 100L,
        null, null, null);
  }

  @Override
  public void onMessage(XmppChannel ch, XmppMessage m) {
    switch (m) {
      case RouteEvent e -> onRoutes(e);
      case EndOfRib e -> onEndOfRib();
      case ConfigUpdate u -> onConfig(u);
      default -> { }
    }
  }

  private void onRoutes(RouteEvent e) {
    for (EventItem item : e.items()) {
      if (!(item.entry() instanceof UnicastEntry u) || u.nextHops().isEmpty()) continue;
      List<Route.Hop> hops = new ArrayList<>();
      LocalPort own = null;
      for (NextHop h : u.nextHops()) {
        if (h.address().equals(options.underlay())) {
          // This host's own port: in another VRF (leaked by policy) or in an ECMP set, reached through its interface.
          LocalPort p = agent.ports().byLabel(h.label());
          if (p == null) continue;
          own = p;
          hops.add(new Route.Hop(h.address(), h.label(), 0, List.of(), p.uuid()));
        } else {
          hops.add(new Route.Hop(h.address(), h.label(), h.vni() == null ? 0 : h.vni(),
              h.encapsulations().stream().map(Encapsulation::xml).toList(), null));
        }
      }
      if (hops.isEmpty()) continue;
      // Our own route reflected back into its own VRF: the local route stands.
      if (hops.size() == 1 && own != null && e.vrf().equals(Agent.vrfOf(own.config()))) continue;
      NextHop hop = u.nextHops().getFirst();
      List<String> tags = new ArrayList<>();
      for (long id : hop.tags()) {
        String t = agent.tagIds().tag(id);
        if (t != null) tags.add(t);
      }
      List<String> groups = new ArrayList<>();
      for (long id : u.securityGroups()) {
        String g = agent.tagIds().group(id);
        if (g != null) groups.add(g);
      }
      String vn = hop.virtualNetwork() != null ? hop.virtualNetwork() : u.virtualNetwork();
      Route.Hop first = hops.getFirst();
      Route r = new Route(e.vrf(), item.id(), first.nextHop(), first.label(), first.vni(), first.encapsulations(), vn, hop.mac(), tags,
          groups, null, hops.size() > 1 || first.localPort() != null ? hops : List.of());
      agent.vrfs().putRemote(index, r);
      synchronized (this) {
        refreshed.computeIfAbsent(e.vrf(), k -> new HashSet<>()).add(item.id());
      }
    }
    for (String id : e.retracts()) agent.vrfs().removeRemote(index, e.vrf(), id);
  }

  private void onEndOfRib() {
    Map<String, Set<String>> before;
    Map<String, Set<String>> fresh;
    synchronized (this) {
      before = beforeResync;
      fresh = refreshed;
      beforeResync = null;
    }
    if (before != null) agent.vrfs().sweep(index, before, fresh);
  }

  private void onConfig(ConfigUpdate u) {
    for (ConfigChange c : u.changes()) {
      try {
        if (c.op() == ConfigOp.DELETE) {
          if ("PortConfig".equals(c.kind())) agent.removePortConfig(c.name());
          else if ("RoutingInstance".equals(c.kind())) agent.removeRoutingInstance(c.name());
          continue;
        }
        Resource r = codec.parse(c.json());
        switch (r.spec()) {
          case PortConfigSpec pc -> agent.putPortConfig(new ConfigTable.PortEntry(c.name(), r.metadata().project(), pc.port(),
              r.metadata().uid(), pc));
          case RoutingInstanceSpec ri -> agent.putRoutingInstance(c.name(), ri);
          default -> { }
        }
      } catch (RuntimeException ex) {
        LOG.warn("config {} {} from {} not applied: {}", c.kind(), c.name(), address, ex.toString());
      }
    }
  }

  @Override
  public void onClosed(XmppChannel ch, CloseReason reason) {
    if (channel != ch) return;
    channel = null;
    agent.metrics().sessionDown(index);
    LOG.info("session to control node {} closed ({}); keeping its routes", address, reason);
    if (!closed) retryInBackground();
  }

  private void retryInBackground() {
    if (reconnecting) return;
    reconnecting = true;
    Thread.ofVirtual().name("agent-reconnect-" + index).start(() -> {
      try {
        while (!closed) {
          try {
            Thread.sleep(RETRY);
            connect();
            return;
          } catch (IOException e) {
            // still down
          } catch (InterruptedException e) {
            return;
          }
        }
      } finally {
        reconnecting = false;
      }
    });
  }

  @Override
  public void close() {
    closed = true;
    XmppChannel ch = channel;
    if (ch != null) ch.close();
  }
}
