package io.weft.bgp.peer;

import io.weft.bgp.wire.Family;
import io.weft.bgp.wire.Nlri;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Numbers every NLRI the speaker advertises with a small dense id, so per-neighbour state
 * is a bit in a bitmap indexed by it (as BIRD numbers its nets for its export maps) rather
 * than a table per neighbour. Open addressing over ids (linear probing, deletion by
 * backward shift); released ids are reused, lowest-numbered last-in first.
 *
 * <p>Not thread-safe: {@link AdjRibOut} guards it.
 */
final class PrefixIndex {
  private static final int MIN_SLOTS = 16;

  private int[] slots = new int[MIN_SLOTS]; // id + 1; 0: empty
  private Nlri[] nlri = new Nlri[MIN_SLOTS]; // by id; null: free
  private byte[] familyOf = new byte[MIN_SLOTS]; // by id: index into families
  private final List<Family> families = new ArrayList<>();
  private int[] free = new int[0];
  private int freeCount;
  private int ids; // ids handed out so far (the highest + 1)
  private int size;

  int size() {
    return size;
  }

  /** One more than the highest id in use or free: bitmaps need this many bits. */
  int idLimit() {
    return ids;
  }

  Nlri nlri(int id) {
    return nlri[id];
  }

  Family family(int id) {
    return families.get(familyOf[id]);
  }

  /** The small number of a family (at most 256 families), for per-family counters. */
  int familyIndex(Family f) {
    int i = families.indexOf(f);
    if (i >= 0) return i;
    if (families.size() == 256) throw new IllegalStateException("too many families");
    families.add(f);
    return families.size() - 1;
  }

  int familyIndexOf(int id) {
    return familyOf[id];
  }

  int familyCount() {
    return families.size();
  }

  Family familyAt(int index) {
    return families.get(index);
  }

  /** The id of {@code n}, or -1. */
  int find(Family f, Nlri n) {
    int fi = families.indexOf(f);
    if (fi < 0) return -1;
    int mask = slots.length - 1;
    for (int i = mix(fi, n) & mask; ; i = (i + 1) & mask) {
      int s = slots[i];
      if (s == 0) return -1;
      if (matches(s - 1, fi, n)) return s - 1;
    }
  }

  /** The id of {@code n}, numbering it if it has none. */
  int add(Family f, Nlri n) {
    int fi = familyIndex(f);
    if ((size + 1) * 4 > slots.length * 3) rehash(slots.length * 2);
    int mask = slots.length - 1;
    int i = mix(fi, n) & mask;
    for (; slots[i] != 0; i = (i + 1) & mask) {
      if (matches(slots[i] - 1, fi, n)) return slots[i] - 1;
    }
    int id = freeCount > 0 ? free[--freeCount] : ids++;
    if (id >= nlri.length) {
      int cap = Math.max(id + 1, nlri.length + (nlri.length >> 1));
      nlri = Arrays.copyOf(nlri, cap);
      familyOf = Arrays.copyOf(familyOf, cap);
    }
    nlri[id] = n;
    familyOf[id] = (byte) fi;
    slots[i] = id + 1;
    size++;
    return id;
  }

  /** Forgets {@code id}'s NLRI; the id is handed out again later. */
  void release(int id) {
    Nlri n = nlri[id];
    int mask = slots.length - 1;
    int hole = mix(familyOf[id], n) & mask;
    while (slots[hole] != id + 1) hole = (hole + 1) & mask;
    // Backward-shift deletion: move later entries of the probe run into the hole.
    for (int j = (hole + 1) & mask; slots[j] != 0; j = (j + 1) & mask) {
      int other = slots[j] - 1;
      int home = mix(familyOf[other], nlri[other]) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        slots[hole] = slots[j];
        hole = j;
      }
    }
    slots[hole] = 0;
    nlri[id] = null;
    if (freeCount == free.length) free = Arrays.copyOf(free, Math.max(16, free.length * 2));
    free[freeCount++] = id;
    size--;
  }

  private boolean matches(int id, int fi, Nlri n) {
    Nlri k = nlri[id];
    return familyOf[id] == fi && (k == n || k.equals(n));
  }

  private static int mix(int family, Nlri n) {
    // Sequential prefixes hash to values sharing their low bits; mix all bits down (murmur3 fmix32).
    int h = n.hashCode() + family * 0x9E3779B9;
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private void rehash(int capacity) {
    slots = new int[capacity];
    int mask = capacity - 1;
    for (int id = 0; id < ids; id++) {
      if (nlri[id] == null) continue;
      int i = mix(familyOf[id], nlri[id]) & mask;
      while (slots[i] != 0) i = (i + 1) & mask;
      slots[i] = id + 1;
    }
  }
}
