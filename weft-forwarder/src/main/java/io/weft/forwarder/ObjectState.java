package io.weft.forwarder;

/** Reconciliation state of an object pushed to the forwarder. */
public enum ObjectState {
  /** Programmed in the data path. */
  ACTIVE,
  /** Accepted and kept, but something it refers to is missing; it activates when that arrives. */
  PENDING
}
