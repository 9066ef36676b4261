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
      size--;
    }
  }

  /** The routes of one batch, bucketed by what they are sent with and to whom. */
  static final class Batch {
    private record Announce(int family, OutPath path, long to) {}

    private record Withdraw(int family, long to) {}

    private final Map<Announce, List<Nlri>> announce = new LinkedHashMap<>();
    private final Map<Withdraw, List<Nlri>> withdraw = new LinkedHashMap<>();

    void announce(int family, OutPath path, long to, Nlri n) {
      announce.computeIfAbsent(new Announce(family, path, to), k -> new ArrayList<>()).add(n);
    }

    void withdraw(int family, long to, Nlri n) {
      withdraw.computeIfAbsent(new Withdraw(family, to), k -> new ArrayList<>()).add(n);
    }
  }

  /**
   * Sends a batch: withdrawals first, then announcements; each distinct (path, members) is
   * packed and encoded once and its bytes go to every member in the mask.
   */
  void send(Batch b, PrefixIndex index, ByteBuffer scratch) {
    b.withdraw.forEach((w, nlri) -> {
      Family f = index.familyAt(w.family());
      List<FamilyNlri> keys = new ArrayList<>(nlri.size());
      for (Nlri n : nlri) keys.add(new FamilyNlri(f, n));
      deliver(UpdatePacker.withdraw(keys, key.options()), w.to(), scratch);
    });
    b.announce.forEach((a, nlri) -> deliver(UpdatePacker.announce(index.familyAt(a.family()), a.path().nextHop(),
        exported(a.path().attributes()), nlri, key.options()), a.to(), scratch));
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
