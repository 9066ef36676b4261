package io.weft.control.peer;

import io.weft.control.config.HostConfigItem;
import io.weft.control.rib.Family;
import io.weft.control.rib.Rib;
import io.weft.control.rib.Route;
import io.weft.control.rib.RouteKey;
import io.weft.control.xmpp.RouteEntries;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.ConfigChange;
import io.weft.xmpp.message.ConfigOp;
import io.weft.xmpp.message.ConfigUpdate;
import io.weft.xmpp.message.EndOfRib;
import io.weft.xmpp.message.PublishAssembler;
import io.weft.xmpp.message.XmppCodec;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.stream.XmlOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A vRouter agent as a {@link Peer}: named by its host, it outlives its XMPP sessions so
 * that graceful restart can keep its paths across a reconnect. Each session gets a fresh
 * {@link UpdateQueue} and a sender virtual thread that drains it into {@code RouteEvent},
 * {@code ConfigUpdate} and {@code EndOfRib} stanzas; the RIB only ever enqueues, so a slow
 * or stuck agent delays nobody else, and an agent whose queue passes its bound is
 * disconnected.
 *
 * <p>Concurrency: the session's reader thread calls {@link #subscribe}/{@link #assembler};
 * the RIB calls {@link #routeChanged} under its lock (reads the volatile {@code session}
 * only); the config watcher calls {@link #syncConfig}. {@code this} guards
 * {@code subscriptions} and {@code configSent}.
 */
public final class XmppAgentPeer implements Peer {
  private static final Logger LOG = LoggerFactory.getLogger(XmppAgentPeer.class);
  /** Items per sender batch: one batch is one contiguous write, well under the 1 MiB stanza limit per event. */
  static final int BATCH = 256;
  /** A batch sent less than this long after the previous one is part of a burst... */
  static final long BURST_NANOS = 50_000_000L;
  /** ...and waits this long for more updates before it goes out (added to fan-out latency only in a burst). */
  static final long LINGER_MILLIS = 5;
  private static final Object WITHDRAWN = new Object();
  private static final Object END_OF_RIB = new Object();

  private record ConfigKey(String name) {}

  /** One session's output side. */
  private record Session(XmppChannel channel, UpdateQueue queue, PublishAssembler assembler, AtomicBoolean overflowed) {}

  private final String host;
  private final Rib rib;
  private final int queueBound;
  /** Shared by the agents of a control node, so each changed route is encoded once. */
  private final ItemEncoder items;
  private volatile Session session;
  private final Map<String, Long> subscriptions = new TreeMap<>();
  private boolean configSubscribed;
  private final Map<String, HostConfigItem> configSent = new HashMap<>();
  private final AtomicLong itemsSent = new AtomicLong();
  private final AtomicLong sessions = new AtomicLong();
  private volatile String lastCloseReason;
  private volatile long downGeneration;

  public XmppAgentPeer(String host, Rib rib, int queueBound, ItemEncoder items) {
    this.host = host;
    this.rib = rib;
    this.queueBound = queueBound;
    this.items = items;
  }

  public XmppAgentPeer(String host, Rib rib, int queueBound) {
    this(host, rib, queueBound, new ItemEncoder());
  }

  @Override
  public String name() {
    return host;
  }

  @Override
  public Kind kind() {
    return Kind.XMPP_AGENT;
  }

  /** Starts serving a new session; the caller has closed any previous one. */
  public void attach(XmppChannel channel) {
    Session s = new Session(channel, new UpdateQueue(queueBound), new PublishAssembler(), new AtomicBoolean());
    synchronized (this) {
      subscriptions.clear();
      configSubscribed = false;
      configSent.clear();
    }
    session = s;
    sessions.incrementAndGet();
    Thread.ofVirtual().name("xmpp-sender-" + host).start(() -> sendLoop(s));
  }

  /**
   * Ends the session if {@code channel} is the current one: drops its subscriptions and its
   * queue. Returns false for a channel that was already replaced.
   */
  public boolean detach(XmppChannel channel, String reason) {
    Session s = session;
    if (s == null || s.channel() != channel) return false;
    session = null;
    s.queue().close();
    List<String> subs;
    synchronized (this) {
      subs = List.copyOf(subscriptions.keySet());
      subscriptions.clear();
      configSubscribed = false;
      configSent.clear();
    }
    for (String vrf : subs) rib.unsubscribe(vrf, this);
    lastCloseReason = reason;
    downGeneration++;
    return true;
  }

  public XmppChannel channel() {
    Session s = session;
    return s == null ? null : s.channel();
  }

  /** The reader thread's publish/collection merger for the current session. */
  public PublishAssembler assembler() {
    Session s = session;
    return s == null ? new PublishAssembler() : s.assembler();
  }

  /** Subscribes to an instance: its routes are queued, followed by End-of-RIB. */
  public void subscribe(String vrf, Long instanceId) {
    Session s = session;
    if (s == null) return;
    synchronized (this) {
      subscriptions.put(vrf, instanceId);
    }
    rib.subscribe(vrf, this);
    s.queue().offerLast(END_OF_RIB, END_OF_RIB);
  }

  public void unsubscribe(String vrf) {
    synchronized (this) {
      if (subscriptions.remove(vrf) == null) return;
    }
    rib.unsubscribe(vrf, this);
  }

  /** The agent's instance id for {@code vrf} from its subscription (TF: RD = agent address:instance id), or null. */
  public synchronized Long instanceId(String vrf) {
    return subscriptions.get(vrf);
  }

  public synchronized boolean configSubscribed() {
    return configSubscribed;
  }

  public synchronized void setConfigSubscribed(boolean subscribed) {
    configSubscribed = subscribed;
    if (!subscribed) configSent.clear();
  }

  /** Queues the config changes that bring what this agent has to {@code desired}. */
  public synchronized void syncConfig(Map<String, HostConfigItem> desired) {
    Session s = session;
    if (s == null || !configSubscribed) return;
    for (Map.Entry<String, HostConfigItem> e : desired.entrySet()) {
      HostConfigItem have = configSent.get(e.getKey());
      HostConfigItem want = e.getValue();
      if (have != null && have.version() == want.version() && have.json().equals(want.json())) continue;
      ConfigOp op = have == null ? ConfigOp.ADD : ConfigOp.UPDATE;
      offer(s, new ConfigKey(want.name()), new ConfigChange(op, want.kind(), want.name(), want.json()));
      configSent.put(e.getKey(), want);
    }
    for (Map.Entry<String, HostConfigItem> e : new ArrayList<>(configSent.entrySet())) {
      if (desired.containsKey(e.getKey())) continue;
      offer(s, new ConfigKey(e.getKey()), new ConfigChange(ConfigOp.DELETE, e.getValue().kind(), e.getKey(), null));
      configSent.remove(e.getKey());
    }
  }

  @Override
  public void routeChanged(String instance, Family family, String prefix, Route route) {
    Session s = session;
    if (s != null) offer(s, new RouteKey(instance, family, prefix), route == null ? WITHDRAWN : items.item(prefix, route));
  }

  private void offer(Session s, Object key, Object value) {
    if (s.queue().offer(key, value) || s.queue().size() < s.queue().bound()) return;
    if (!s.overflowed().compareAndSet(false, true)) return;
    LOG.warn("XMPP agent {}: update queue passed {} pending updates (agent not reading fast enough); disconnecting",
        host, s.queue().bound());
    // Not on this thread: it may hold the RIB lock, and closing calls back into the RIB.
    Thread.ofVirtual().start(() -> s.channel().close());
  }

  private void sendLoop(Session s) {
    Jid to = Jid.agent(host).withResource(Jid.RESOURCE_BGP_PEER);
    Jid configTo = Jid.agent(host).withResource(Jid.RESOURCE_CONFIG);
    long configId = 0;
    long lastSend = System.nanoTime() - BURST_NANOS;
    try {
      while (true) {
        List<Map.Entry<Object, Object>> batch = s.queue().take(BATCH);
        if (batch.isEmpty()) return;
        if (batch.size() < BATCH && System.nanoTime() - lastSend < BURST_NANOS) {
          // In a burst (a convergence, a big config change) a short wait fills the stanza: the
          // RIB feeds a queue one route at a time, and a stanza per route would cost the agent
          // and this node a read, a write and an envelope each. A lone update is never delayed.
          Thread.sleep(LINGER_MILLIS);
          batch = merge(batch, s.queue().poll(BATCH - batch.size()));
        }
        lastSend = System.nanoTime();
        // One event stanza per (family, instance) in the batch, carrying all its items and
        // retracts, as TF's control node packs a RibOut update.
        Map<String, Group> groups = new LinkedHashMap<>();
        List<ConfigChange> config = new ArrayList<>();
        boolean eor = false;
        for (Map.Entry<Object, Object> e : batch) {
          switch (e.getKey()) {
            case RouteKey k -> {
              Group g = groups.computeIfAbsent(k.family().ordinal() + "/" + k.instance(), x -> new Group(k));
              if (e.getValue() == WITHDRAWN) g.retracts.add(k.prefix());
              else g.items.add((byte[]) e.getValue());
            }
            case ConfigKey c -> config.add((ConfigChange) e.getValue());
            default -> eor = true;
          }
        }
        XmlOutput out = new XmlOutput(16 * 1024);
        for (Group g : groups.values()) {
          XmppCodec.encodeEvent(Jid.CONTROL, to, RouteEntries.wire(g.key.family()), g.key.instance(), g.items, g.retracts, out);
        }
        if (!config.isEmpty()) XmppCodec.encode(new ConfigUpdate(Jid.CONTROL, configTo, "config" + (++configId), config), out);
        if (eor) XmppCodec.encode(new EndOfRib(Jid.CONTROL, to), out);
        if (!s.channel().sendEncoded(out)) return;
        itemsSent.addAndGet(batch.size());
        // Not time-sliced: with a backlog this loop never blocks, and would keep its carrier
        // from the session readers and timers (whose hold timers would then expire).
        Thread.yield();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("XMPP agent {}: sender failed; closing the session", host, e);
      s.channel().close();
    }
  }

  /** {@code first} then {@code later}, one entry per key: a later value replaces an earlier one in place. */
  static List<Map.Entry<Object, Object>> merge(List<Map.Entry<Object, Object>> first,
      List<Map.Entry<Object, Object>> later) {
    if (later.isEmpty()) return first;
    LinkedHashMap<Object, Object> m = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : first) m.put(e.getKey(), e.getValue());
    for (Map.Entry<Object, Object> e : later) m.put(e.getKey(), e.getValue());
    return new ArrayList<>(m.entrySet());
  }

  /** The items and retracts of one (family, instance) in a batch. */
  private static final class Group {
    final RouteKey key;
    final List<byte[]> items = new ArrayList<>();
    final List<String> retracts = new ArrayList<>();

    Group(RouteKey key) {
      this.key = key;
    }
  }

  /** A snapshot for introspection. */
  public synchronized Status status() {
    Session s = session;
    return new Status(host, s != null, s == null ? null : String.valueOf(s.channel().remoteAddress()),
        List.copyOf(subscriptions.keySet()), configSubscribed, rib.pathCount(host), s == null ? 0 : s.queue().size(),
        itemsSent.get(), sessions.get(), lastCloseReason);
  }

  public long downGeneration() {
    return downGeneration;
  }

  /** What introspect shows for an agent. */
  public record Status(String host, boolean up, String remote, List<String> subscriptions, boolean configSubscribed,
      int paths, int queued, long updatesSent, long sessions, String lastCloseReason) {}
}
