package io.weft.bgp.peer;

import io.weft.bgp.wire.Nlri;
import java.util.function.BiConsumer;

/**
 * A map from NLRI to a value in parallel arrays with open addressing (linear probing,
 * deletion by backward shift): about 16 octets per entry where a HashMap spends about 40 on
 * its node, which matters for tables holding every prefix once per neighbour. Each slot
 * keeps its key's mixed hash, so probes compare ints and growing never rehashes.
 *
 * <p>Not thread-safe: the owner guards it.
 */
final class NlriMap<V> {
  private static final int MIN_CAPACITY = 16;

  private Nlri[] keys = new Nlri[MIN_CAPACITY];
  private Object[] values = new Object[MIN_CAPACITY];
  private int[] hashes = new int[MIN_CAPACITY];
  private int size;

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(Nlri key) {
    int i = find(key);
    return i < 0 ? null : (V) values[i];
  }

  /** Sets the value; returns the previous one, or null. */
  @SuppressWarnings("unchecked")
  V put(Nlri key, V value) {
    if (value == null) throw new NullPointerException("value");
    if ((size + 1) * 4 > keys.length * 3) resize(keys.length * 2);
    int mask = keys.length - 1;
    int h = mix(key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Nlri k = keys[i];
      if (k == null) {
        keys[i] = key;
        values[i] = value;
        hashes[i] = h;
        size++;
        return null;
      }
      if (k == key || (hashes[i] == h && k.equals(key))) {
        Object old = values[i];
        values[i] = value;
        return (V) old;
      }
    }
  }

  /** Removes the key; returns its value, or null. */
  @SuppressWarnings("unchecked")
  V remove(Nlri key) {
    int i = find(key);
    if (i < 0) return null;
    Object old = values[i];
    int mask = keys.length - 1;
    // Backward-shift deletion: move later entries of the probe run into the hole.
    int hole = i;
    for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
      int home = hashes[j] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hashes[hole] = hashes[j];
        hole = j;
      }
    }
    keys[hole] = null;
    values[hole] = null;
    size--;
    if (keys.length > MIN_CAPACITY && size * 8 < keys.length) resize(keys.length / 2);
    return (V) old;
  }

  void clear() {
    keys = new Nlri[MIN_CAPACITY];
    values = new Object[MIN_CAPACITY];
    hashes = new int[MIN_CAPACITY];
    size = 0;
  }

  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<Nlri, V> each) {
    Nlri[] k = keys;
    Object[] v = values;
    for (int i = 0; i < k.length; i++) if (k[i] != null) each.accept(k[i], (V) v[i]);
  }

  private int find(Nlri key) {
    int mask = keys.length - 1;
    int h = mix(key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Nlri k = keys[i];
      if (k == null) return -1;
      if (k == key || (hashes[i] == h && k.equals(key))) return i;
    }
  }

  private static int mix(Nlri key) {
    // Records hash sequential prefixes to values sharing their low bits; mix all bits down (murmur3 fmix32).
    int h = key.hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    return h ^ (h >>> 16);
  }

  private void resize(int capacity) {
    Nlri[] oldKeys = keys;
    Object[] oldValues = values;
    int[] oldHashes = hashes;
    keys = new Nlri[capacity];
    values = new Object[capacity];
    hashes = new int[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] == null) continue;
      int i = oldHashes[j] & mask;
      while (keys[i] != null) i = (i + 1) & mask;
      keys[i] = oldKeys[j];
      values[i] = oldValues[j];
      hashes[i] = oldHashes[j];
    }
  }
}
