package io.weft.forwarder.pipeline;

import io.weft.forwarder.table.PrefixTrie;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One VRF's data-path tables: the FIB (one trie for IPv4-mapped and IPv6 keys) and the MAC
 * table. Written by the control thread, read lock-free by packet threads.
 */
public final class Vrf {
  private final String name;
  private final int id;
  public final PrefixTrie<Adjacency> fib = new PrefixTrie<>();
  public final ConcurrentHashMap<Long, Adjacency> macs = new ConcurrentHashMap<>();
  public final Counters counters = new Counters();

  public Vrf(String name, int id) {
    this.name = name;
    this.id = id;
  }

  public String name() { return name; }
  public int id() { return id; }
}
