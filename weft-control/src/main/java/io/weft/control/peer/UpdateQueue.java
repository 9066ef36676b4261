package io.weft.control.peer;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A peer's pending updates, the Adj-RIB-Out delta not yet sent: one entry per key (a route,
 * a config object, End-of-RIB), the newest value replacing an unsent older one, so a route
 * that flaps while the peer is slow costs one entry, not one per change. Producers (the RIB
 * under its lock, the config watcher) never block: past {@code bound} entries {@link #offer}
 * refuses and the owner disconnects the peer. One consumer, the peer's sender thread,
 * drains it in batches.
 *
 * <p>Concurrency: {@code lock} guards {@code pending} and {@code closed}.
 */
public final class UpdateQueue {
  private final int bound;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition nonEmpty = lock.newCondition();
  /** Entries past which a drained map is replaced: a hash table never shrinks by itself. */
  private static final int SHRINK_ABOVE = 64;
  private LinkedHashMap<Object, Object> pending = new LinkedHashMap<>();
  private int highWater;
  private boolean closed;
  private long offered;

  public UpdateQueue(int bound) {
    if (bound < 1) throw new IllegalArgumentException("bound < 1");
    this.bound = bound;
  }

  /** Queues {@code value} under {@code key}; false when the queue is closed or would pass its bound. */
  public boolean offer(Object key, Object value) {
    lock.lock();
    try {
      if (closed) return false;
      Object old = pending.put(key, value);
      offered++;
      if (old == null && pending.size() > bound) {
        pending.remove(key);
        return false;
      }
      if (pending.size() > highWater) highWater = pending.size();
      if (pending.size() == 1) nonEmpty.signal();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Queues {@code value} under {@code key} at the end, even if an unsent entry with that key was earlier. */
  public boolean offerLast(Object key, Object value) {
    lock.lock();
    try {
      if (closed) return false;
      pending.remove(key);
      return offer(key, value);
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code max} entries in queue order, waiting for the first; empty once closed. */
  public List<Map.Entry<Object, Object>> take(int max) throws InterruptedException {
    lock.lock();
    try {
      while (pending.isEmpty() && !closed) nonEmpty.await(1, TimeUnit.SECONDS);
      return drain(max);
    } finally {
      lock.unlock();
    }
  }

  /** Up to {@code max} entries in queue order, without waiting. */
  public List<Map.Entry<Object, Object>> poll(int max) {
    lock.lock();
    try {
      return drain(max);
    } finally {
      lock.unlock();
    }
  }

  /** Caller holds {@code lock}. */
  private List<Map.Entry<Object, Object>> drain(int max) {
    if (closed || pending.isEmpty()) return List.of();
    List<Map.Entry<Object, Object>> out = new ArrayList<>(Math.min(max, pending.size()));
    Iterator<Map.Entry<Object, Object>> it = pending.entrySet().iterator();
    while (it.hasNext() && out.size() < max) {
      Map.Entry<Object, Object> e = it.next();
      out.add(Map.entry(e.getKey(), e.getValue()));
      it.remove();
    }
    if (pending.isEmpty() && highWater > SHRINK_ABOVE) {
      // After a burst (a subscription's dump, a full-table convergence) the table would
      // otherwise keep its peak size for the life of the session, once per agent.
      pending = new LinkedHashMap<>();
      highWater = 0;
    }
    return out;
  }

  public void close() {
    lock.lock();
    try {
      closed = true;
      pending.clear();
      nonEmpty.signalAll();
    } finally {
      lock.unlock();
    }
  }

  public int size() {
    lock.lock();
    try {
      return pending.size();
    } finally {
      lock.unlock();
    }
  }

  /** Updates offered since creation, coalesced ones included. */
  public long offered() {
    lock.lock();
    try {
      return offered;
    } finally {
      lock.unlock();
    }
  }

  public int bound() {
    return bound;
  }
}
