package io.weft.control.sim;

import io.weft.control.config.Vrfs;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.AgentEndOfRib;
import io.weft.xmpp.message.Collection;
import io.weft.xmpp.message.CollectionAction;
import io.weft.xmpp.message.ConfigChange;
import io.weft.xmpp.message.ConfigOp;
import io.weft.xmpp.message.ConfigUpdate;
import io.weft.xmpp.message.Encapsulation;
import io.weft.xmpp.message.EventItem;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.RouteEntry;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A simulated vRouter agent: one XMPP session to each of its control nodes (TF agents use
 * two), over which it subscribes to the instances of its ports, publishes one inet route per
 * port (address/32, next hop its underlay address, an MPLS label per port) and records what
 * comes back. What it "has" is the union over its live sessions, as a real agent keeps
 * routes from either control node. With {@code reconnect} a dropped session is retried
 * every {@code retry}, and on success re-subscribes, re-publishes and sends End-of-RIB.
 *
 * <p>Threads: each session's reader thread updates that session's route map (concurrent);
 * the caller's thread publishes; a virtual thread per dropped session reconnects.
 */
public final class SimAgent implements AutoCloseable {
  /** One port: its instance, its route's prefix ({@code a.b.c.d/32}) and MPLS label. */
  public record Port(String vrf, String prefix, long label) {}

  /** Told about every route item an agent receives (for fan-out latency). */
  public interface ArrivalListener {
    void arrived(SimAgent agent, String vrf, String prefix, long nanoTime);
  }

  private final String host;
  private final String underlay;
  private final List<Port> ports = new CopyOnWriteArrayList<>();
  private final List<Link> links = new ArrayList<>();
  private final ChannelConfig channelConfig;
  private final boolean reconnect;
  private final Duration retry;
  private volatile ArrivalListener listener;
  private volatile boolean closed;
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong badItems = new AtomicLong();

  public SimAgent(String host, String underlay, List<Port> ports, List<InetSocketAddress> controls, ChannelConfig channelConfig,
      boolean reconnect, Duration retry) {
    this.host = host;
    this.underlay = underlay;
    this.ports.addAll(ports);
    this.channelConfig = channelConfig;
    this.reconnect = reconnect;
    this.retry = retry;
    for (InetSocketAddress c : controls) links.add(new Link(c));
  }

  public String host() {
    return host;
  }

  public List<Port> ports() {
    return List.copyOf(ports);
  }

  /** The instances this agent subscribes to: those of its ports. */
  public Set<String> vrfs() {
    Set<String> out = new LinkedHashSet<>();
    for (Port p : ports) out.add(p.vrf());
    return out;
  }

  public void setArrivalListener(ArrivalListener l) {
    this.listener = l;
  }

  /** Connects every session and runs the agent's start sequence; throws if a control node is unreachable. */
  public void start() throws IOException {
    for (Link l : links) l.connect(true);
  }

  /** Connects and subscribes only; {@link #publishAll} publishes later. */
  public void connectOnly() throws IOException {
    for (Link l : links) l.connect(false);
  }

  /** Publishes every port's route and End-of-RIB on every live session. */
  public void publishAll() {
    for (Link l : links) {
      XmppChannel ch = l.channel;
      if (ch == null) continue;
      List<XmppMessage> out = new ArrayList<>();
      for (Port p : ports) l.addPublish(out, p, CollectionAction.ASSOCIATE);
      out.add(new AgentEndOfRib(me(), bgp(), "eor" + ids.incrementAndGet()));
      ch.sendAll(out);
    }
  }

  /** Adds a port and publishes its route on every live session. */
  public void addPort(Port p) {
    boolean newVrf = !vrfs().contains(p.vrf());
    ports.add(p);
    for (Link l : links) {
      XmppChannel ch = l.channel;
      if (ch == null) continue;
      if (newVrf) ch.send(new Subscribe(me(), bgp(), "subscribe" + ids.incrementAndGet(), p.vrf(), (long) vrfs().size(), null));
      l.publish(ch, p, CollectionAction.ASSOCIATE);
    }
  }

  /** Removes a port and withdraws its route on every live session. */
  public void removePort(Port p) {
    ports.remove(p);
    for (Link l : links) {
      XmppChannel ch = l.channel;
      if (ch != null) l.publish(ch, p, CollectionAction.DISSOCIATE);
    }
  }

  /** Subscribes every live session to this host's config node (TF's virtual-router node). */
  public void subscribeConfig() {
    for (Link l : links) {
      XmppChannel ch = l.channel;
      if (ch != null) ch.send(new Subscribe(me(), Jid.CONTROL.withResource(Jid.RESOURCE_CONFIG), "subscribe" + ids.incrementAndGet(),
          Vrfs.virtualRouterNode(host), null, null));
    }
  }

  /** Route prefixes held per instance: the union over live sessions. */
  public Map<String, Set<String>> routes() {
    Map<String, Set<String>> out = new HashMap<>();
    for (Link l : links) {
      for (Map.Entry<String, Map<String, RouteEntry>> e : l.rib.entrySet()) {
        if (!e.getValue().isEmpty()) out.computeIfAbsent(e.getKey(), k -> new HashSet<>()).addAll(e.getValue().keySet());
      }
    }
    return out;
  }

  /** How many prefixes of {@code vrf} this agent holds (union over sessions). */
  public int count(String vrf) {
    if (links.size() == 1) {
      Map<String, RouteEntry> m = links.getFirst().rib.get(vrf);
      return m == null ? 0 : m.size();
    }
    Set<String> s = new HashSet<>();
    for (Link l : links) {
      Map<String, RouteEntry> m = l.rib.get(vrf);
      if (m != null) s.addAll(m.keySet());
    }
    return s.size();
  }

  /** Routes held from the session to control node {@code index}, per instance. */
  public Map<String, Set<String>> routesFrom(int index) {
    Map<String, Set<String>> out = new HashMap<>();
    for (Map.Entry<String, Map<String, RouteEntry>> e : links.get(index).rib.entrySet()) {
      if (!e.getValue().isEmpty()) out.put(e.getKey(), Set.copyOf(e.getValue().keySet()));
    }
    return out;
  }

  /** The entry held for a prefix from any session, or null. */
  public RouteEntry entry(String vrf, String prefix) {
    for (Link l : links) {
      Map<String, RouteEntry> m = l.rib.get(vrf);
      RouteEntry e = m == null ? null : m.get(prefix);
      if (e != null) return e;
    }
    return null;
  }

  /** Config objects received (name → JSON), from any session. */
  public Map<String, String> config() {
    Map<String, String> out = new HashMap<>();
    for (Link l : links) out.putAll(l.config);
    return out;
  }

  public boolean connected(int index) {
    XmppChannel ch = links.get(index).channel;
    return ch != null && ch.isOpen();
  }

  /** Items received whose entry contradicts its id or carries no usable next hop (see {@link #wellFormed}). */
  public long badItems() {
    return badItems.get();
  }

  /** An item as an agent can install it: the id is the entry's prefix, and the next hop has an underlay and a label. */
  static boolean wellFormed(EventItem item) {
    RouteEntry entry = item.entry();
    if (!item.id().equals(entry.itemId())) return false;
    List<NextHop> hops = entry instanceof UnicastEntry u ? u.nextHops() : List.of();
    if (hops.isEmpty()) return false;
    for (NextHop h : hops) if (h.address().isEmpty() || (h.label() == 0 && h.vni() == null)) return false;
    return true;
  }

  /** The route this agent publishes for {@code p}. */
  public UnicastEntry entryFor(Port p) {
    NextHop hop = new NextHop(1, underlay, null, p.label(), null, null, List.of(Encapsulation.UDP, Encapsulation.GRE),
        p.vrf(), List.of(), null);
    return new UnicastEntry(new UnicastNlri(1, 1, p.prefix()), List.of(hop), null, p.vrf(), null, null, List.of(), List.of(),
        100L, null, null, null);
  }

  private Jid me() {
    return Jid.agent(host);
  }

  private static Jid bgp() {
    return Jid.CONTROL.withResource(Jid.RESOURCE_BGP_PEER);
  }

  @Override
  public void close() {
    closed = true;
    for (Link l : links) {
      XmppChannel ch = l.channel;
      if (ch != null) ch.close();
    }
  }

  /** One session to one control node. */
  private final class Link implements XmppListener {
    final InetSocketAddress address;
    volatile XmppChannel channel;
    final Map<String, Map<String, RouteEntry>> rib = new ConcurrentHashMap<>();
    final Map<String, String> config = new ConcurrentHashMap<>();

    Link(InetSocketAddress address) {
      this.address = address;
    }

    void connect(boolean publish) throws IOException {
      XmppChannel ch = XmppChannel.connect(address, me(), Jid.CONTROL, channelConfig, this);
      channel = ch;
      List<XmppMessage> out = new ArrayList<>();
      long instance = 1;
      for (String vrf : vrfs()) out.add(new Subscribe(me(), bgp(), "subscribe" + ids.incrementAndGet(), vrf, instance++, null));
      if (publish) {
        for (Port p : ports) addPublish(out, p, CollectionAction.ASSOCIATE);
        out.add(new AgentEndOfRib(me(), bgp(), "eor" + ids.incrementAndGet()));
      }
      ch.sendAll(out);
    }

    void publish(XmppChannel ch, Port p, CollectionAction action) {
      List<XmppMessage> out = new ArrayList<>(2);
      addPublish(out, p, action);
      ch.sendAll(out);
    }

    private void addPublish(List<XmppMessage> out, Port p, CollectionAction action) {
      Publish pub = new Publish(me(), bgp(), "pubsub" + ids.incrementAndGet(), p.vrf(), entryFor(p));
      out.add(pub);
      out.add(new Collection(me(), bgp(), "collection" + ids.incrementAndGet(), p.vrf(), pub.node().toString(), action));
    }

    @Override
    public void onMessage(XmppChannel ch, XmppMessage m) {
      switch (m) {
        case RouteEvent e -> {
          long now = System.nanoTime();
          Map<String, RouteEntry> table = rib.computeIfAbsent(e.vrf(), k -> new ConcurrentHashMap<>(512));
          for (EventItem item : e.items()) {
            if (!wellFormed(item)) badItems.incrementAndGet();
            table.put(item.id(), item.entry());
          }
          for (String r : e.retracts()) table.remove(r);
          ArrivalListener l = listener;
          if (l != null) for (EventItem item : e.items()) l.arrived(SimAgent.this, e.vrf(), item.id(), now);
        }
        case ConfigUpdate u -> {
          for (ConfigChange c : u.changes()) {
            if (c.op() == ConfigOp.DELETE) config.remove(c.name());
            else config.put(c.name(), c.json());
          }
        }
        default -> { }
      }
    }

    @Override
    public void onClosed(XmppChannel ch, CloseReason reason) {
      if (channel != ch) return;
      channel = null;
      rib.clear();
      config.clear();
      if (!reconnect || closed) return;
      Thread.ofVirtual().name("sim-reconnect-" + host).start(() -> {
        while (!closed) {
          try {
            Thread.sleep(retry);
            connect(true);
            return;
          } catch (IOException e) {
            // control node still down; try again
          } catch (InterruptedException e) {
            return;
          }
        }
      });
    }
  }
}
