package io.weft.agent.flow;

import io.weft.agent.Agent;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.oper.Names;
import io.weft.agent.oper.Route;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.rules.Endpoint;
import io.weft.model.derived.rules.Flow;
import io.weft.model.derived.rules.PortPolicy;
import io.weft.policy.Check;
import io.weft.policy.ConsultedRule;
import io.weft.policy.Decision;
import io.weft.policy.PolicyEvaluator;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Flow-miss decisions (SYSTEM.md §2): builds both ends of the flow — a local port from its
 * PortConfig, a remote endpoint from its route (which carries its network, tags and
 * security groups) — and asks the one {@link PolicyEvaluator}. Only a local end's rule
 * lists are applied; a remote end's vRouter applies its own. A port with
 * {@code policyDisabled} skips evaluation. Every denied flow is kept (the last
 * {@value #KEEP}) with the rule that denied it, and counted per rule.
 *
 * <p>Thread-safe: called from the forwarder's miss path; the history is guarded by its deque.
 */
public final class FlowDecider {
  static final int KEEP = 1000;
  private final Agent agent;
  private final PolicyEvaluator evaluator = new PolicyEvaluator();
  private final Deque<FlowRecord> recent = new ArrayDeque<>();
  private final Deque<FlowRecord> denied = new ArrayDeque<>();
  private final Map<String, LongAdder> deniedByRule = new ConcurrentHashMap<>();
  private final LongAdder allowedCount = new LongAdder();
  private final LongAdder deniedCount = new LongAdder();

  public FlowDecider(Agent agent) {
    this.agent = agent;
  }

  /** Decides the first packet of a flow seen in {@code vrf}. */
  public FlowRecord decide(String vrf, String src, String dst, int protocol, int srcPort, int dstPort) {
    End s = end(vrf, src);
    End d = end(vrf, dst);
    FlowRecord r;
    if (s == null || d == null) {
      r = new FlowRecord(Instant.now(), vrf, src, dst, protocol, srcPort, dstPort, false, null, null, null, null,
          "no route to " + (s == null ? src : dst));
    } else if (s.disabled || d.disabled) {
      r = new FlowRecord(Instant.now(), vrf, src, dst, protocol, srcPort, dstPort, true, null, null, null, null, "policy disabled");
    } else {
      Flow f = new Flow(s.endpoint, d.endpoint, protocol, srcPort, dstPort);
      Decision decision = evaluator.evaluate(f, s.policy, d.policy);
      if (decision.allowed()) {
        r = new FlowRecord(Instant.now(), vrf, src, dst, protocol, srcPort, dstPort, true, null, null, null, null, "allowed");
      } else {
        Check c = decision.deniedBy().orElseThrow();
        ConsultedRule rule = c.decidedBy();
        r = new FlowRecord(Instant.now(), vrf, src, dst, protocol, srcPort, dstPort, false, c.kind().name(), c.scope(), rule.ruleId(),
            rule.source(), "denied");
      }
    }
    record(r);
    return r;
  }

  private record End(Endpoint endpoint, PortPolicy policy, boolean disabled) {}

  private End end(String vrf, String address) {
    LocalPort p = agent.ports().byAddress(address);
    Route r = agent.vrfs().lookupHost(vrf, address);
    // A port of this host, in this VRF or leaked into it (another network joined by policy): its own policy applies.
    boolean leaked = p != null && r != null && r.members().stream().anyMatch(h -> p.uuid().equals(h.localPort()));
    if (p != null && p.ready() && (vrf.equals(Agent.vrfOf(p.config())) || leaked)) {
      PortConfigSpec c = p.config();
      String network = c.addresses().stream().filter(a -> a.address().equals(address)).findFirst().map(PortConfigSpec.Address::network)
          .orElse(c.routingInstance());
      return new End(new Endpoint(address, network, c.tags(), c.securityGroups()), c.policy(), c.policyDisabled());
    }
    if (r == null) return null;
    return new End(new Endpoint(address, Names.networkOf(r.network()), r.tags(), r.securityGroups()), null, false);
  }

  private void record(FlowRecord r) {
    if (r.allowed()) allowedCount.increment();
    else deniedCount.increment();
    synchronized (recent) {
      recent.addFirst(r);
      if (recent.size() > KEEP) recent.removeLast();
      if (!r.allowed()) {
        denied.addFirst(r);
        if (denied.size() > KEEP) denied.removeLast();
      }
    }
    if (!r.allowed()) deniedByRule.computeIfAbsent(r.rule() == null ? r.reason() : r.kind() + " " + r.rule(), k -> new LongAdder())
        .increment();
  }

  public List<FlowRecord> recent() {
    synchronized (recent) {
      return List.copyOf(recent);
    }
  }

  public List<FlowRecord> denied() {
    synchronized (recent) {
      return List.copyOf(denied);
    }
  }

  public Map<String, Long> deniedByRule() {
    Map<String, Long> out = new java.util.TreeMap<>();
    deniedByRule.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  public long allowedCount() {
    return allowedCount.sum();
  }

  public long deniedCount() {
    return deniedCount.sum();
  }
}
