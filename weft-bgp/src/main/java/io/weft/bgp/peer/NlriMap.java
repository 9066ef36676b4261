package io.weft.bgp.peer;

import io.weft.bgp.wire.Nlri;
import java.util.function.BiConsumer;

/**
 * A map from NLRI to a value in two parallel arrays with open addressing (linear probing,
 * deletion by backward shift): 8 octets per slot, about 14 per entry, where a HashMap spends
 * about 40 on its node, which matters for tables holding every prefix (the control node's
 * VPN table; the NLRI objects themselves are shared, not copied). Hashes are not stored: NLRI hash
 * cheaply and a probe mostly ends at the first slot.
 *
 * <p>Not thread-safe: the owner guards it.
 */
public final class NlriMap<V> {
  private static final int MIN_CAPACITY = 16;

  private Nlri[] keys = new Nlri[MIN_CAPACITY];
  private Object[] values = new Object[MIN_CAPACITY];
  private int size;

  public int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  public V get(Nlri key) {
    int i = find(key);
    return i < 0 ? null : (V) values[i];
  }

  /** Sets the value; returns the previous one, or null. */
  @SuppressWarnings("unchecked")
  public V put(Nlri key, V value) {
    if (value == null) throw new NullPointerException("value");
    if ((size + 1) * 4 > keys.length * 3) resize(keys.length * 2);
    int mask = keys.length - 1;
    int h = mix(key);
    for (int i = h & mask; ; i = (i + 1) & mask) {
      Nlri k = keys[i];
      if (k == null) {
        keys[i] = key;
        values[i] = value;
        size++;
        return null;
      }
      if (k == key || k.equals(key)) {
        Object old = values[i];
        values[i] = value;
        return (V) old;
      }
    }
  }

  /** Removes the key; returns its value, or null. */
  @SuppressWarnings("unchecked")
  public V remove(Nlri key) {
    int i = find(key);
    if (i < 0) return null;
    Object old = values[i];
    int mask = keys.length - 1;
    // Backward-shift deletion: move later entries of the probe run into the hole.
    int hole = i;
    for (int j = (i + 1) & mask; keys[j] != null; j = (j + 1) & mask) {
      int home = mix(keys[j]) & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        keys[hole] = keys[j];
        values[hole] = values[j];
        hole = j;
      }
    }
    keys[hole] = null;
    values[hole] = null;
    size--;
    if (keys.length > MIN_CAPACITY && size * 8 < keys.length) resize(keys.length / 2);
    return (V) old;
  }

  /** Every key, in table order. */
  public void forEachKey(java.util.function.Consumer<Nlri> each) {
    for (Nlri k : keys) if (k != null) each.accept(k);
  }

  public void clear() {
    keys = new Nlri[MIN_CAPACITY];
    values = new Object[MIN_CAPACITY];
    size = 0;
  }

  @SuppressWarnings("unchecked")
  public void forEach(BiConsumer<Nlri, V> each) {
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
      if (k == key || k.equals(key)) return i;
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
    keys = new Nlri[capacity];
    values = new Object[capacity];
    int mask = capacity - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] == null) continue;
      int i = mix(oldKeys[j]) & mask;
      while (keys[i] != null) i = (i + 1) & mask;
      keys[i] = oldKeys[j];
      values[i] = oldValues[j];
    }
  }
}
