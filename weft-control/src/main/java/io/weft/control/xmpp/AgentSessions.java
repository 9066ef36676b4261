package io.weft.control.xmpp;

import io.weft.control.config.HostConfigItem;
import io.weft.control.config.Vrfs;
import io.weft.control.peer.ItemEncoder;
import io.weft.control.peer.XmppAgentPeer;
import io.weft.control.rib.Rib;
import io.weft.xmpp.Jid;
import io.weft.xmpp.message.AgentEndOfRib;
import io.weft.xmpp.message.Collection;
import io.weft.xmpp.message.DecodeError;
import io.weft.xmpp.message.NextHop;
import io.weft.xmpp.message.Publish;
import io.weft.xmpp.message.PublishAssembler;
import io.weft.xmpp.message.RouteChange;
import io.weft.xmpp.message.Subscribe;
import io.weft.xmpp.message.Unsubscribe;
import io.weft.xmpp.message.XmppMessage;
import io.weft.xmpp.session.CloseReason;
import io.weft.xmpp.session.XmppChannel;
import io.weft.xmpp.session.XmppListener;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The control node's side of every agent session (TF bgp_xmpp_channel.cc): subscriptions,
 * publish/collection pairs into the RIB, End-of-RIB, config subscriptions, and graceful
 * restart when a session drops: the agent's paths are marked stale, kept for
 * {@code staleTime}, refreshed by its re-publishes after a reconnect, and swept at its
 * End-of-RIB or when the timer fires, whichever is first.
 *
 * <p>Concurrency: callbacks run on each session's reader thread (one per agent); the RIB and
 * the peers synchronise themselves; {@code peers} and {@code byChannel} are concurrent maps;
 * the stale timers run on one scheduler thread ("weft-control-gr").
 */
public final class AgentSessions implements XmppListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AgentSessions.class);

  private final Rib rib;
  private final Function<String, Map<String, HostConfigItem>> hostConfig;
  private final Duration staleTime;
  private final int queueBound;
  private final Map<String, XmppAgentPeer> peers = new ConcurrentHashMap<>();
  private final Map<XmppChannel, XmppAgentPeer> byChannel = new ConcurrentHashMap<>();
  private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
      r -> Thread.ofPlatform().name("weft-control-gr").daemon().unstarted(r));
  final AtomicLong routesRejected = new AtomicLong();
  final AtomicLong staleSwept = new AtomicLong();
  private final Map<CloseReason.Kind, AtomicLong> closes = new ConcurrentHashMap<>();
  /** Shares the strings and lists that repeat across agent routes (see {@link RouteEntries#compact}). */
  private final Interner interner = new Interner();
  private final ItemEncoder items = new ItemEncoder();

  public AgentSessions(Rib rib, Function<String, Map<String, HostConfigItem>> hostConfig, Duration staleTime, int queueBound) {
    this.rib = rib;
    this.hostConfig = hostConfig;
    this.staleTime = staleTime;
    this.queueBound = queueBound;
  }

  @Override
  public void onEstablished(XmppChannel channel) {
    Jid jid = channel.peerJid();
    if (jid == null) {
      LOG.warn("XMPP session from {}: no valid 'from' in the stream header; closing", channel.remoteAddress());
      channel.close();
      return;
    }
    String host = jid.agentHost();
    XmppAgentPeer peer = peers.computeIfAbsent(host, h -> new XmppAgentPeer(h, rib, queueBound, items));
    XmppChannel old = peer.channel();
    if (old != null) {
      LOG.info("XMPP agent {}: new session from {} replaces the one from {}", host, channel.remoteAddress(), old.remoteAddress());
      old.close();
    }
    peer.attach(channel);
    byChannel.put(channel, peer);
    LOG.info("XMPP agent {} up from {}", host, channel.remoteAddress());
  }

  @Override
  public void onMessage(XmppChannel channel, XmppMessage message) {
    XmppAgentPeer peer = byChannel.get(channel);
    if (peer == null) return;
    switch (message) {
      case Subscribe s -> subscribe(peer, s);
      case Unsubscribe u -> {
        if (Vrfs.hostOfNode(u.node()) != null) peer.setConfigSubscribed(false);
        else peer.unsubscribe(u.node());
      }
      case Publish p -> assemble(peer, p);
      case Collection c -> assemble(peer, c);
      case AgentEndOfRib e -> {
        int swept = rib.sweepStale(peer.name());
        staleSwept.addAndGet(swept);
        if (swept > 0) LOG.info("XMPP agent {}: End-of-RIB swept {} stale paths", peer.name(), swept);
      }
      default -> LOG.warn("XMPP agent {}: unexpected {} from an agent; ignored", peer.name(), message.getClass().getSimpleName());
    }
  }

  private void subscribe(XmppAgentPeer peer, Subscribe s) {
    String host = Vrfs.hostOfNode(s.node());
    boolean toConfig = s.to() != null && Jid.RESOURCE_CONFIG.equals(s.to().resource());
    if (host != null || toConfig) {
      if (host == null || !host.equals(peer.name())) {
        LOG.warn("XMPP agent {}: config subscription to '{}' is not its own virtual router; ignored", peer.name(), s.node());
        return;
      }
      peer.setConfigSubscribed(true);
      peer.syncConfig(hostConfig.apply(host));
      return;
    }
    if (Boolean.TRUE.equals(s.noRibOut())) return; // TF: the agent publishes but wants nothing back
    peer.subscribe(s.node(), s.instanceId());
  }

  private void assemble(XmppAgentPeer peer, XmppMessage m) {
    PublishAssembler.DecodeResultOrChange r = peer.assembler().accept(m);
    switch (r) {
      case null -> { }
      case PublishAssembler.DecodeResultOrChange.Error e -> {
        routesRejected.incrementAndGet();
        LOG.warn("XMPP agent {}: {}", peer.name(), e.error().reason());
      }
      case PublishAssembler.DecodeResultOrChange.Change c -> apply(peer, c.change());
    }
  }

  private void apply(XmppAgentPeer peer, RouteChange change) {
    switch (change) {
      case RouteChange.Advertised a -> {
        List<NextHop> hops = RouteEntries.nextHops(a.entry());
        String problem = hops.isEmpty() ? "no next-hop"
            : hops.size() > 1 ? hops.size() + " next-hops (an agent sends one per network)"
            : hops.getFirst().label() == 0 && hops.getFirst().vni() == null ? "label 0 in a VRF" : null;
        if (problem != null) {
          routesRejected.incrementAndGet();
          LOG.warn("XMPP agent {}: route {} rejected: {}", peer.name(), a.node(), problem);
          return;
        }
        rib.publish(peer.name(), a.node().vrf(), RouteEntries.family(a.node().family()), a.node().itemId(),
            interner.intern(RouteEntries.attributes(a.entry())), RouteEntries.compact(a.entry(), a.node().itemId(), interner));
      }
      case RouteChange.Withdrawn w ->
          rib.withdraw(peer.name(), w.node().vrf(), RouteEntries.family(w.node().family()), w.node().itemId());
    }
  }

  @Override
  public void onDecodeError(XmppChannel channel, DecodeError error) {
    routesRejected.incrementAndGet();
  }

  @Override
  public void onClosed(XmppChannel channel, CloseReason reason) {
    closes.computeIfAbsent(reason.kind(), k -> new AtomicLong()).incrementAndGet();
    XmppAgentPeer peer = byChannel.remove(channel);
    if (peer == null || !peer.detach(channel, reason.kind() + ": " + reason.detail())) return;
    int stale = rib.markStale(peer.name());
    long generation = peer.downGeneration();
    LOG.info("XMPP agent {} down ({}: {}); {} paths stale for {}s", peer.name(), reason.kind(), reason.detail(), stale,
        staleTime.toMillis() / 1000.0);
    timers.schedule(() -> staleTimerFired(peer, generation), staleTime.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void staleTimerFired(XmppAgentPeer peer, long generation) {
    if (peer.downGeneration() != generation) return; // a later drop has its own timer
    int swept = rib.sweepStale(peer.name());
    staleSwept.addAndGet(swept);
    if (swept > 0) LOG.info("XMPP agent {}: stale period over; withdrew {} paths", peer.name(), swept);
  }

  /** The config of some hosts changed: bring their agents up to date. */
  public void hostsChanged(Set<String> hosts) {
    for (String h : hosts) {
      XmppAgentPeer p = peers.get(h);
      if (p != null && p.configSubscribed()) p.syncConfig(hostConfig.apply(h));
    }
  }

  public List<XmppAgentPeer.Status> status() {
    return peers.values().stream().map(XmppAgentPeer::status)
        .sorted(Comparator.comparing(XmppAgentPeer.Status::host)).toList();
  }

  /** The agent peer of {@code host}, or null if it never connected. */
  public XmppAgentPeer peer(String host) {
    return peers.get(host);
  }

  public int sessionCount() {
    return byChannel.size();
  }

  public long routesRejected() {
    return routesRejected.get();
  }

  public long staleSwept() {
    return staleSwept.get();
  }

  public Map<CloseReason.Kind, AtomicLong> closes() {
    return closes;
  }

  @Override
  public void close() {
    timers.shutdownNow();
  }
}
