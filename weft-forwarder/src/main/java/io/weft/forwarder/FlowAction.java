package io.weft.forwarder;

/** Flow actions, numbered as the original datapath's (DROP 0, HOLD 1, FORWARD 2, NAT 3). */
public enum FlowAction {
  DROP,
  /** Waiting for the agent's decision; up to three packets are held. */
  HOLD,
  FORWARD,
  /** Placeholder: forwards unchanged until the NAT rewrite lands (see Checksums.update32). */
  NAT
}
