package io.weft.control.rib;

/**
 * What a peer that subscribed to an instance is told. Called with the RIB's lock held: an
 * implementation only records the change (e.g. in its update queue) and returns; it must not
 * block or call back into the RIB.
 */
public interface RibSubscriber {
  /** {@code route} is the prefix's new state in {@code instance}, or null when it was removed. */
  void routeChanged(String instance, Family family, String prefix, Route route);
}
