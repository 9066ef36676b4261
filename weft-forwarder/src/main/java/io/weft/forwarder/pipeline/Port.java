package io.weft.forwarder.pipeline;

import io.weft.forwarder.PortSpec;
import io.weft.forwarder.port.PortBackend;

/**
 * A port as the data path sees it. {@code vrf} is null while the port is PENDING (its VRF
 * not there yet); it is written by the control thread and read by packet threads.
 */
public final class Port {
  private final PortSpec spec;
  private final PortBackend backend;
  private final long mac;
  private volatile Vrf vrf;
  public final Counters counters = new Counters();

  public Port(PortSpec spec, PortBackend backend) {
    this.spec = spec;
    this.backend = backend;
    this.mac = spec.mac().bits();
  }

  public PortSpec spec() { return spec; }
  public String name() { return spec.name(); }
  public PortBackend backend() { return backend; }
  public long mac() { return mac; }
  public boolean policyEnabled() { return spec.policyEnabled(); }
  public Vrf vrf() { return vrf; }
  public void vrf(Vrf vrf) { this.vrf = vrf; }
}
