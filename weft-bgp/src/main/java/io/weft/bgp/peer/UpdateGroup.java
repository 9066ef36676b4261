package io.weft.bgp.peer;

import io.weft.bgp.wire.EncodedMessages;
import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.FamilyNlri;
import io.weft.bgp.wire.MessageCodec;
import io.weft.bgp.wire.Nlri;
import io.weft.bgp.wire.Update;
import io.weft.bgp.wire.WireOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Established neighbours that are sent identical bytes for identical routes: same negotiated
 * families and wire options (4-octet AS, internal or external, hence the same
 * {@link ExportPolicy}). An UPDATE is encoded once per group and the bytes handed to every
 * member that needs it (FRR's update groups); which members need a prefix is a 64-bit mask,
 * so a group has at most 64 members and a 65th with the same key starts another group.
 * A member whose session stops taking bytes is left out of the group's sends until it
 * drains (its Adj-RIB-Out bits say what it missed), so it never holds back the others.
 *
 * <p>Not thread-safe: guarded by the owning {@link AdjRibOut}.
 */
final class UpdateGroup {
  static final int MAX_MEMBERS = 64;

  /** What makes two sessions' UPDATEs byte-identical. */
  record Key(Set<Family> families, WireOptions options) {}

  final Key key;
  final PeerOut[] members = new PeerOut[MAX_MEMBERS];
  int size;
  long occupied; // a bit per member slot in use
  /**
   * Members whose session queue was full when last handed bytes: they are handed nothing
   * until it drains, so the others never wait for them nor queue for them; what they miss
   * stays in their pending bits, and {@link AdjRibOut#drained} catches them up from those.
   */
  private long behind;
  /** Interned attributes given → as sent after {@link ExportPolicy}: computed once per distinct set. */
  private final Map<PathAttributes, PathAttributes> exported = new IdentityHashMap<>();
  private final long localAs;

  UpdateGroup(Key key, long localAs) {
    this.key = key;
    this.localAs = localAs;
  }

  /** Adds a member; false when full. */
  boolean join(PeerOut m) {
    if (size == MAX_MEMBERS) return false;
    for (int i = 0; i < MAX_MEMBERS; i++) {
      if (members[i] == null) {
        members[i] = m;
        m.group = this;
        m.member = i;
        occupied |= 1L << i;
        size++;
        return true;
      }
    }
    return false;
  }

  void leave(PeerOut m) {
    if (members[m.member] == m) {
      members[m.member] = null;
      occupied &= ~(1L << m.member);
      behind &= ~(1L << m.member);
      size--;
    }
  }

  /** The members UPDATEs are handed to now: all but those behind. */
  long ready() {
    return occupied & ~behind;
  }

  boolean isBehind(PeerOut m) {
    return (behind & (1L << m.member)) != 0;
  }

  /**
   * The members scanning their pending bits (a dump, a refresh, a catch-up after a drain) and
   * not behind: one member's scan serves the others' bits for the same prefixes too, so
   * members catching up together share the encoded bytes again.
   */
  long scanning() {
    long s = 0;
    for (long bits = ready(); bits != 0; bits &= bits - 1) {
      int i = Long.numberOfTrailingZeros(bits);
      if (members[i].scanFrom >= 0) s |= 1L << i;
    }
    return s;
  }

  /** Takes a member that was behind back into the group's sends; false if it was not behind. */
  boolean caughtUp(PeerOut m) {
    long bit = 1L << m.member;
    boolean was = (behind & bit) != 0;
    behind &= ~bit;
    return was;
  }

  /** The routes of one batch, bucketed by what they are sent with and to whom. */
  static final class Batch {
    private record Announce(int family, OutPath path, long to) {}

    private record Withdraw(int family, long to) {}

    private final Map<Announce, Prefixes> announce = new LinkedHashMap<>();
    private final Map<Withdraw, Prefixes> withdraw = new LinkedHashMap<>();

    void announce(int family, OutPath path, long to, int id, Nlri n) {
      announce.computeIfAbsent(new Announce(family, path, to), k -> new Prefixes()).add(id, n);
    }

    void withdraw(int family, long to, int id, Nlri n) {
      withdraw.computeIfAbsent(new Withdraw(family, to), k -> new Prefixes()).add(id, n);
    }
  }

  /** One bucket's prefixes: the NLRI to encode, and the ids to mark sent, or pending again for a member behind. */
  private static final class Prefixes {
    final List<Nlri> nlri = new ArrayList<>();
    int[] ids = new int[4];

    void add(int id, Nlri n) {
      if (nlri.size() == ids.length) ids = Arrays.copyOf(ids, ids.length * 2);
      ids[nlri.size()] = id;
      nlri.add(n);
    }
  }

  /**
   * Sends a batch: withdrawals first, then announcements; each distinct (path, members) is
   * packed and encoded once and its bytes go to every member in the mask that is not behind.
   * A member's {@code advertised} bits change only when it is handed the bytes.
   */
  void send(Batch b, PrefixIndex index, ByteBuffer scratch) {
    b.withdraw.forEach((w, p) -> {
      long to = receivers(w.to(), p);
      if (to == 0) return;
      Family f = index.familyAt(w.family());
      List<FamilyNlri> keys = new ArrayList<>(p.nlri.size());
      for (Nlri n : p.nlri) keys.add(new FamilyNlri(f, n));
      deliver(UpdatePacker.withdraw(keys, key.options()), to, scratch);
      for (long m = to; m != 0; m &= m - 1) {
        PeerOut member = members[Long.numberOfTrailingZeros(m)];
        for (int i = 0; i < p.nlri.size(); i++) member.advertised.clear(p.ids[i]);
      }
    });
    b.announce.forEach((a, p) -> {
      long to = receivers(a.to(), p);
      if (to == 0) return;
      deliver(UpdatePacker.announce(index.familyAt(a.family()), a.path().nextHop(), exported(a.path().attributes()),
          p.nlri, key.options()), to, scratch);
      for (long m = to; m != 0; m &= m - 1) {
        PeerOut member = members[Long.numberOfTrailingZeros(m)];
        for (int i = 0; i < p.nlri.size(); i++) member.advertised.set(p.ids[i]);
      }
    });
  }

  /**
   * The members of {@code to} that take these bytes: one whose queue is full falls behind
   * here (a check per bucket and member, not per prefix) and keeps the bucket's prefixes
   * pending, so its queue grows by at most one bucket past the mark.
   */
  private long receivers(long to, Prefixes p) {
    long taking = 0;
    for (long bits = to; bits != 0; bits &= bits - 1) {
      int i = Long.numberOfTrailingZeros(bits);
      long bit = 1L << i;
      PeerOut m = members[i];
      if ((behind & bit) == 0 && m.sink.full()) behind |= bit;
      if ((behind & bit) == 0) {
        taking |= bit;
      } else {
        for (int k = 0; k < p.nlri.size(); k++) m.setPending(p.ids[k]);
      }
    }
    return taking;
  }

  private PathAttributes exported(PathAttributes given) {
    PathAttributes out = exported.get(given);
    if (out == null) {
      if (exported.size() >= 4096) exported.clear(); // only sharing is lost
      out = ExportPolicy.attributes(given, localAs, key.options().internalPeer());
      exported.put(given, out);
    }
    return out;
  }

  private void deliver(List<Update> updates, long to, ByteBuffer scratch) {
    scratch.clear();
    List<EncodedMessages> chunks = new ArrayList<>(1);
    for (Update u : updates) {
      if (scratch.remaining() < MessageCodec.MAX_MESSAGE) {
        chunks.add(new EncodedMessages(Arrays.copyOf(scratch.array(), scratch.position())));
        scratch.clear();
      }
      MessageCodec.encode(u, key.options(), scratch);
    }
    if (scratch.position() > 0) chunks.add(new EncodedMessages(Arrays.copyOf(scratch.array(), scratch.position())));
    for (long m = to; m != 0; m &= m - 1) {
      PeerOut member = members[Long.numberOfTrailingZeros(m)];
      for (EncodedMessages c : chunks) member.sink.send(c);
    }
  }
}
