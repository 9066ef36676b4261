package io.weft.forwarder.table;

import java.util.ArrayList;
import java.util.List;

/**
 * Longest-prefix match over 128-bit keys (IPv4 held IPv4-mapped, so one structure serves
 * both families) as a path-compressed binary trie: a node exists only where a prefix ends
 * or two branches split, so a VRF of /32 host routes under a /24 is a few levels deep.
 *
 * <p>Concurrency: any number of packet threads call {@link #lookup} without locks while one
 * writer at a time (callers hold the forwarder's control lock; methods are also
 * synchronized) mutates. Every node is fully built before it is published with a volatile
 * write, so a reader sees either the old or the new subtree, both consistent.
 */
public final class PrefixTrie<T> {
  private static final class Node<T> {
    final long hi;
    final long lo;
    final int length;
    volatile T value;
    volatile Node<T> zero;
    volatile Node<T> one;

    Node(long hi, long lo, int length, T value) {
      this.hi = hi;
      this.lo = lo;
      this.length = length;
      this.value = value;
    }
  }

  private volatile Node<T> root;
  private int size;

  /** Longest match for the address, or null. */
  public T lookup(long hi, long lo) {
    T best = null;
    Node<T> n = root;
    while (n != null && matches(hi, lo, n.hi, n.lo, n.length)) {
      T v = n.value;
      if (v != null) best = v;
      if (n.length == 128) break;
      n = bit(hi, lo, n.length) == 0 ? n.zero : n.one;
    }
    return best;
  }

  /** Exact-match get. */
  public synchronized T get(long hi, long lo, int length) {
    Node<T> n = root;
    while (n != null && n.length <= length && matches(hi, lo, n.hi, n.lo, n.length)) {
      if (n.length == length) return n.value;
      n = bit(hi, lo, n.length) == 0 ? n.zero : n.one;
    }
    return null;
  }

  public synchronized void put(long hi, long lo, int length, T value) {
    if (value == null) throw new NullPointerException();
    hi = maskHi(hi, length);
    lo = maskLo(lo, length);
    Node<T> parent = null;
    Node<T> n = root;
    while (true) {
      if (n == null) {
        attach(parent, hi, lo, new Node<>(hi, lo, length, value));
        size++;
        return;
      }
      int common = Math.min(commonPrefix(hi, lo, n.hi, n.lo), Math.min(length, n.length));
      if (common == n.length && n.length == length) {
        if (n.value == null) size++;
        n.value = value;
        return;
      }
      if (common == n.length) { // n is a proper prefix of the new key: descend
        parent = n;
        n = bit(hi, lo, n.length) == 0 ? n.zero : n.one;
        continue;
      }
      // The new key diverges from n above n's length, or is a prefix of it: insert above n.
      Node<T> fresh;
      if (common == length) {
        fresh = new Node<>(hi, lo, length, value);
        link(fresh, n);
      } else {
        fresh = new Node<>(maskHi(hi, common), maskLo(lo, common), common, null);
        link(fresh, n);
        link(fresh, new Node<>(hi, lo, length, value));
      }
      attach(parent, hi, lo, fresh);
      size++;
      return;
    }
  }

  /** Removes an exact prefix; returns the old value. Emptied nodes stay as branch points (harmless). */
  public synchronized T remove(long hi, long lo, int length) {
    hi = maskHi(hi, length);
    lo = maskLo(lo, length);
    Node<T> n = root;
    while (n != null && n.length <= length && matches(hi, lo, n.hi, n.lo, n.length)) {
      if (n.length == length) {
        T old = n.value;
        if (old != null) size--;
        n.value = null;
        return old;
      }
      n = bit(hi, lo, n.length) == 0 ? n.zero : n.one;
    }
    return null;
  }

  public synchronized int size() {
    return size;
  }

  /** Visits every (hi, lo, length) → value, for dumps. */
  public synchronized void forEach(PrefixVisitor<T> visitor) {
    List<Node<T>> stack = new ArrayList<>();
    if (root != null) stack.add(root);
    while (!stack.isEmpty()) {
      Node<T> n = stack.removeLast();
      if (n.value != null) visitor.visit(n.hi, n.lo, n.length, n.value);
      if (n.zero != null) stack.add(n.zero);
      if (n.one != null) stack.add(n.one);
    }
  }

  /** Receives one stored prefix. */
  public interface PrefixVisitor<T> {
    void visit(long hi, long lo, int length, T value);
  }

  private void attach(Node<T> parent, long hi, long lo, Node<T> child) {
    if (parent == null) root = child;
    else if (bit(hi, lo, parent.length) == 0) parent.zero = child;
    else parent.one = child;
  }

  private static <T> void link(Node<T> parent, Node<T> child) {
    if (bit(child.hi, child.lo, parent.length) == 0) parent.zero = child;
    else parent.one = child;
  }

  static int bit(long hi, long lo, int index) {
    return index < 64 ? (int) (hi >>> (63 - index)) & 1 : (int) (lo >>> (127 - index)) & 1;
  }

  static boolean matches(long hi, long lo, long phi, long plo, int length) {
    return maskHi(hi, length) == phi && maskLo(lo, length) == plo;
  }

  static long maskHi(long hi, int length) {
    return length >= 64 ? hi : length == 0 ? 0 : hi & (-1L << (64 - length));
  }

  static long maskLo(long lo, int length) {
    return length <= 64 ? 0 : length == 128 ? lo : lo & (-1L << (128 - length));
  }

  static int commonPrefix(long ahi, long alo, long bhi, long blo) {
    long x = ahi ^ bhi;
    if (x != 0) return Long.numberOfLeadingZeros(x);
    return 64 + Long.numberOfLeadingZeros(alo ^ blo);
  }

}
