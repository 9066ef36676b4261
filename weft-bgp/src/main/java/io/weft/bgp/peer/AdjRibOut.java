package io.weft.bgp.peer;

import io.weft.bgp.session.Negotiated;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.Update;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's Adj-RIB-Out (RFC 4271 §3.2), one for every neighbour: a prefix index shared
 * by all of them holding each prefix's one path (as a speaker without add-path advertises),
 * and per neighbour three bits per prefix ({@link PeerOut}) — where a table per neighbour
 * would hold every prefix once per neighbour. Changes queue the prefix id once; a sender
 * thread drains the queue, compares each member's bits and sends what differs, packing and
 * encoding each UPDATE once per {@link UpdateGroup}. A prefix changed several times before
 * it is sent goes out once, with its newest path. A session that comes up (or asks for a
 * route refresh, RFC 2918) gets its whole share by a scan of its bits, then End-of-RIB per
 * family (RFC 4724 §2), held while the speaker defers it after its own restart (§4.1).
 *
 * <p>A neighbour that stops reading costs bounded memory and delays no one: once its session
 * reports its queue full ({@link OutboundSink#full}, checked per message group handed over)
 * it is handed nothing more and its group sends on without it; its pending bits keep what it
 * missed. When its queue drains ({@link #drained}) a scan of those bits sends each prefix it
 * missed once, in its newest state, or its withdrawal if it had been sent the prefix; a
 * prefix announced and withdrawn meanwhile costs it nothing.
 *
 * <p>Threads: everything is guarded by {@code this}: callers (the control node, possibly
 * under its own lock; session threads on established/down/refresh/drained) and the sender
 * thread "bgp-out", which also hands encoded UPDATEs to the sessions under it, so a session
 * gets them in the order the table changed. Nothing here calls out except into sessions'
 * queues (to add to them, or ask whether they are full).
 */
public final class AdjRibOut implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AdjRibOut.class);
  private static final int BATCH = 4096;
  private static final int SCAN_CHUNK = 1 << 15;

  private final long localAs;
  private final PrefixIndex index = new PrefixIndex();
  private OutPath[] paths = new OutPath[16]; // by id; null: none since released
  private final Map<OutPath, OutPath> interned = new HashMap<>();
  private final Map<BgpPeer, PeerOut> peers = new LinkedHashMap<>();
  private final List<UpdateGroup> groups = new ArrayList<>();
  private int[] queue = new int[1024]; // ring of changed ids, each once (queued)
  private int head;
  private int queued;
  private final BitSet inQueue = new BitSet();
  private boolean endOfRibDeferred;
  private boolean closed;
  private final ByteBuffer scratch = ByteBuffer.allocate(64 * MessageCodec.MAX_MESSAGE); // sender thread only
  private final int[] scanUnwanted = new int[BATCH]; // sender thread only
  private final Thread sender;

  public AdjRibOut(long localAs) {
    this.localAs = localAs;
    this.sender = Thread.ofVirtual().name("bgp-out").start(this::sendLoop);
  }

  // ---- what each neighbour should have ----

  /** Makes {@code route} its prefix's path, in the Adj-RIB-Out of the neighbours {@code to} accepts and no other's. */
  public synchronized void advertise(Route route, Predicate<BgpPeer> to) {
    int id = pathFor(route);
    boolean changed = setPath(id, route);
    boolean anyone = false;
    for (PeerOut m : peers.values()) {
      boolean want = to.test(m.peer);
      anyone |= want;
      update(m, id, want, changed);
    }
    if (!anyone) releaseIfUnused(id);
  }

  /** Adds or replaces {@code route} in {@code peer}'s Adj-RIB-Out; other neighbours holding the prefix get the new path too. */
  public synchronized void advertise(Route route, BgpPeer peer) {
    PeerOut m = peers.get(peer);
    if (m == null) return;
    int id = pathFor(route);
    boolean changed = setPath(id, route);
    for (PeerOut o : peers.values()) update(o, id, o == m || o.wanted.get(id), changed);
  }

  /** Removes the prefix from every neighbour's Adj-RIB-Out. */
  public synchronized void withdraw(FamilyNlri key) {
    int id = index.find(key.family(), key.nlri());
    if (id < 0) return;
    for (PeerOut m : peers.values()) update(m, id, false, false);
    releaseIfUnused(id);
  }

  /** Removes the prefix from {@code peer}'s Adj-RIB-Out. */
  public synchronized void withdraw(FamilyNlri key, BgpPeer peer) {
    PeerOut m = peers.get(peer);
    int id = index.find(key.family(), key.nlri());
    if (m == null || id < 0) return;
    update(m, id, false, false);
    releaseIfUnused(id);
  }

  private int pathFor(Route r) {
    int id = index.add(r.family(), r.nlri());
    if (id >= paths.length) paths = Arrays.copyOf(paths, Math.max(id + 1, paths.length + (paths.length >> 1)));
    return id;
  }

  /** Sets the prefix's path; true if it differs from the one it had. */
  private boolean setPath(int id, Route r) {
    OutPath given = new OutPath(r.nextHop(), (PathAttributes) r.attributes());
    OutPath p = interned.get(given);
    if (p == null) {
      if (interned.size() >= 4096) interned.clear(); // only sharing is lost; prefixes keep their paths
      interned.put(given, given);
      p = given;
    }
    OutPath was = paths[id];
    paths[id] = p;
    return was != null && !was.equals(p);
  }

  private void update(PeerOut m, int id, boolean want, boolean pathChanged) {
    boolean had = m.wanted.get(id);
    if (want != had) {
      if (want) m.wanted.set(id);
      else m.wanted.clear(id);
      m.countWanted(index.familyIndexOf(id), want ? 1 : -1);
    }
    if (m.group != null && (want != had || (want && pathChanged) || (!want && m.advertised.get(id)))) {
      m.setPending(id);
      enqueue(id);
    }
  }

  private void enqueue(int id) {
    if (inQueue.get(id)) return;
    inQueue.set(id);
    if (queued == queue.length) {
      int[] grown = new int[queue.length * 2];
      for (int i = 0; i < queued; i++) grown[i] = queue[(head + i) % queue.length];
      queue = grown;
      head = 0;
    }
    queue[(head + queued) % queue.length] = id;
    if (queued++ == 0) notifyAll();
  }

  /** Forgets a prefix no neighbour holds, was sent, or waits for. */
  private void releaseIfUnused(int id) {
    if (paths[id] == null) return;
    for (PeerOut m : peers.values()) {
      if (m.wanted.get(id) || m.advertised.get(id) || m.pending.get(id)) return;
    }
    index.release(id);
    paths[id] = null;
  }

  // ---- neighbours and their sessions ----

  void add(BgpPeer peer) {
    add(peer, OutboundSink.session(peer));
  }

  synchronized void add(BgpPeer peer, OutboundSink sink) {
    peers.putIfAbsent(peer, new PeerOut(peer, sink));
  }

  synchronized void remove(BgpPeer peer) {
    PeerOut m = peers.remove(peer);
    if (m == null) return;
    leaveGroup(m);
    m.wanted.stream().forEach(this::releaseIfUnused);
  }

  /** The session came up: it is sent its whole Adj-RIB-Out, then End-of-RIB per family. */
  synchronized void established(BgpPeer peer, Negotiated n) {
    PeerOut m = peers.get(peer);
    if (m == null) return;
    leaveGroup(m);
    m.negotiated = n;
    UpdateGroup.Key key = new UpdateGroup.Key(new HashSet<>(n.families()), n.wireOptions());
    UpdateGroup g = groups.stream().filter(x -> x.key.equals(key) && x.size < UpdateGroup.MAX_MEMBERS).findFirst().orElse(null);
    if (g == null) {
      g = new UpdateGroup(key, localAs);
      groups.add(g);
    }
    g.join(m);
    m.pending.or(m.wanted);
    m.pendingCount = m.pending.cardinality();
    m.endOfRibDue.addAll(n.families());
    m.scanFrom = 0;
    notifyAll();
  }

  /** The neighbour asked for a family again (RFC 2918): its share of it is sent again. */
  synchronized void refresh(BgpPeer peer, Family family) {
    PeerOut m = peers.get(peer);
    if (m == null || m.group == null || !m.negotiated.families().contains(family)) return;
    int fi = index.familyIndex(family);
    for (int id = m.wanted.nextSetBit(0); id >= 0; id = m.wanted.nextSetBit(id + 1)) {
      if (index.familyIndexOf(id) == fi) m.setPending(id);
    }
    if (!m.endOfRibDue.contains(family)) m.endOfRibDue.add(family);
    m.scanFrom = 0;
    notifyAll();
  }

  /**
   * {@code peer}'s session queue drained after it was full: back into its group's sends,
   * and a scan of its pending bits (wherever the changes it missed are) sends each prefix it
   * missed once, in its newest state, then any End-of-RIB still due.
   */
  synchronized void drained(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    if (m == null || m.group == null || !m.group.caughtUp(m)) return;
    if (m.pendingCount > 0 || m.scanFrom >= 0) m.scanFrom = 0;
    notifyAll();
  }

  synchronized void down(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    if (m == null) return;
    m.endOfRibWaiting.clear();
    BitSet held = (BitSet) m.advertised.clone();
    held.or(m.pending);
    leaveGroup(m);
    held.andNot(m.wanted);
    held.stream().forEach(this::releaseIfUnused);
  }

  private void leaveGroup(PeerOut m) {
    UpdateGroup g = m.group;
    if (g != null) {
      g.leave(m);
      if (g.size == 0) groups.remove(g);
    }
    m.sessionEnded();
  }

  /** Holds back End-of-RIB (RFC 4724 §4.1): sessions get their routes but no End-of-RIB until {@link #releaseEndOfRib}. */
  public synchronized void deferEndOfRib() {
    endOfRibDeferred = true;
  }

  public synchronized void releaseEndOfRib() {
    endOfRibDeferred = false;
    for (PeerOut m : peers.values()) {
      for (Family f : m.endOfRibHeld) m.sink.send(Update.endOfRib(f));
      m.endOfRibHeld.clear();
    }
  }

  /**
   * Holds {@code peer}'s End-of-RIB for {@code families} until {@link #releaseEndOfRib(BgpPeer)}, so
   * it follows routes decided only after the session came up: RFC 4684 §6, a neighbour with
   * route-target constraint is sent its VPN routes once its membership is complete, and its
   * End-of-RIB after them, not after an empty dump. Called before the session's dump starts (from
   * its Established event); forgotten when the session goes down.
   */
  public synchronized void holdEndOfRib(BgpPeer peer, List<Family> families) {
    PeerOut m = peers.get(peer);
    if (m == null) return;
    m.endOfRibWaiting.clear();
    m.endOfRibWaiting.addAll(families);
  }

  /** Sends {@code peer}'s held End-of-RIB once what is pending for it has gone out. */
  public synchronized void releaseEndOfRib(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    if (m == null || m.endOfRibWaiting.isEmpty()) return;
    m.endOfRibWaiting.clear();
    if (m.group != null && !m.endOfRibDue.isEmpty() && m.scanFrom < 0) {
      m.scanFrom = 0; // a scan of its pending bits, ending with the End-of-RIB
      notifyAll();
    }
  }

  // ---- introspection ----

  /** Prefixes in {@code peer}'s Adj-RIB-Out, per family. */
  public synchronized Map<Family, Integer> prefixes(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    Map<Family, Integer> out = new HashMap<>();
    if (m == null) return out;
    for (int f = 0; f < Math.min(m.wantedPerFamily.length, index.familyCount()); f++) {
      if (m.wantedPerFamily[f] > 0) out.put(index.familyAt(f), m.wantedPerFamily[f]);
    }
    return out;
  }

  /** The routes in {@code peer}'s Adj-RIB-Out (before export policy). */
  public synchronized List<Route> routes(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    List<Route> out = new ArrayList<>();
    if (m == null) return out;
    m.wanted.stream().forEach(id -> out.add(new Route(index.family(id), index.nlri(id), paths[id].nextHop(), paths[id].attributes())));
    return out;
  }

  /** Prefixes whose state {@code peer}'s session has yet to be sent. */
  public synchronized int pending(BgpPeer peer) {
    PeerOut m = peers.get(peer);
    return m == null ? 0 : m.pendingCount;
  }

  /** Distinct prefixes held (for tests and introspection). */
  public synchronized int size() {
    return index.size();
  }

  // ---- the sender ----

  private void sendLoop() {
    int[] batch = new int[BATCH];
    try {
      while (true) {
        synchronized (this) {
          while (!closed && queued == 0 && scanning() == null) wait();
          if (closed) return;
          if (queued > 0 && queued < BATCH) wait(2); // let a burst gather: fuller UPDATEs, fewer of them
          if (closed) return;
          int n = 0;
          while (queued > 0 && n < BATCH) {
            int id = queue[head];
            head = (head + 1) % queue.length;
            queued--;
            inQueue.clear(id);
            batch[n++] = id;
          }
          if (n > 0) sendChanges(batch, n);
          PeerOut s = scanning();
          if (s != null) scanChunk(s);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error("BGP Adj-RIB-Out sender failed", e);
    }
  }

  /** Holds this. */
  private void sendChanges(int[] ids, int n) {
    for (UpdateGroup g : groups) {
      long ready = g.ready(); // members behind keep their pending bits and catch up once drained
      if (ready == 0) continue;
      UpdateGroup.Batch b = new UpdateGroup.Batch();
      for (int i = 0; i < n; i++) collect(g, ids[i], ready, b);
      g.send(b, index, scratch);
    }
    for (int i = 0; i < n; i++) {
      if (paths[ids[i]] != null) releaseIfUnused(ids[i]);
    }
  }

  /**
   * Adds what the members in {@code among} are missing of prefix {@code id} to the batch and
   * takes their pending bits ({@link UpdateGroup#send} marks it advertised or not, or pending
   * again for a member that fell behind). Holds this.
   */
  private void collect(UpdateGroup g, int id, long among, UpdateGroup.Batch b) {
    long announce = 0;
    long withdraw = 0;
    int sendable = -1; // whether the group negotiated the prefix's family; -1: not looked up yet
    for (long bits = among & g.occupied; bits != 0; bits &= bits - 1) {
      PeerOut m = g.members[Long.numberOfTrailingZeros(bits)];
      if (!m.takePending(id)) continue;
      if (sendable < 0) sendable = g.key.families().contains(index.family(id)) ? 1 : 0;
      if (sendable == 1 && m.wanted.get(id)) {
        announce |= 1L << m.member;
      } else if (m.advertised.get(id)) {
        withdraw |= 1L << m.member;
      }
    }
    if (announce != 0) b.announce(index.familyIndexOf(id), paths[id], announce, id, index.nlri(id));
    if (withdraw != 0) b.withdraw(index.familyIndexOf(id), withdraw, id, index.nlri(id));
  }

  /** A member with pending bits to scan and a queue that takes them. */
  private PeerOut scanning() {
    for (PeerOut m : peers.values()) if (m.scanFrom >= 0 && !m.group.isBehind(m)) return m;
    return null;
  }

  /**
   * Sends the next chunk of a member's pending bits, at most a batch of prefixes (its queue
   * grows by a bounded step between two looks at it); at the end, its End-of-RIB. Holds this.
   */
  private void scanChunk(PeerOut m) {
    int limit = index.idLimit();
    int from = m.pending.nextSetBit(m.scanFrom);
    if (from < 0) from = limit;
    int end = (int) Math.min((long) from + SCAN_CHUNK, limit);
    UpdateGroup.Batch b = new UpdateGroup.Batch();
    // Its bits are scanned; others scanning too are served at the same prefixes (their own scan still ends with their End-of-RIB).
    long among = m.group.scanning();
    int unwanted = 0; // withdrawn meanwhile: forgotten once looked at, if no one else needs them
    int taken = 0;
    int id = from;
    for (; id >= 0 && id < end && taken < BATCH; id = m.pending.nextSetBit(id + 1), taken++) {
      if (!m.wanted.get(id)) scanUnwanted[unwanted++] = id;
      collect(m.group, id, among, b);
    }
    m.group.send(b, index, scratch);
    for (int i = 0; i < unwanted; i++) releaseIfUnused(scanUnwanted[i]);
    m.scanFrom = id >= 0 && id < end ? id : end;
    // Behind now: what it was not handed is pending again, so End-of-RIB waits for the rescan after the drain.
    if (m.scanFrom < limit || m.group.isBehind(m)) return;
    m.scanFrom = -1;
    for (java.util.Iterator<Family> it = m.endOfRibDue.iterator(); it.hasNext(); ) {
      Family f = it.next();
      if (m.endOfRibWaiting.contains(f)) continue; // stays due until releaseEndOfRib(peer)
      if (endOfRibDeferred) {
        if (!m.endOfRibHeld.contains(f)) m.endOfRibHeld.add(f);
      } else {
        m.sink.send(Update.endOfRib(f));
      }
      it.remove();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    sender.interrupt();
  }
}
