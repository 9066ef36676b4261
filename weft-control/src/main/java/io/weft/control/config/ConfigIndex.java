package io.weft.control.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.weft.model.Kind;
import io.weft.model.Resource;
import io.weft.model.ResourceCodec;
import io.weft.model.ResourceKey;
import io.weft.model.derived.PortConfigSpec;
import io.weft.model.derived.RoutingInstanceSpec;
import io.weft.model.spec.BgpRouterSpec;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The derived config the control node keeps: every RoutingInstance and PortConfig. A port
 * belongs to the host named by its {@code virtualRouter} (the agent's XMPP host name); a host
 * needs its ports and the routing instances they use, nothing else (TF's per-VR subgraph).
 *
 * <p>Concurrency: {@code synchronized}; written by the config watcher thread, read by agent
 * sessions. Listener calls happen on the writer's thread, outside no lock the RIB needs.
 */
public final class ConfigIndex {
  private final ResourceCodec codec;
  private final ConfigListener listener;
  private final Map<ResourceKey, Resource> instances = new HashMap<>();
  private final Map<ResourceKey, Resource> ports = new HashMap<>();
  private final Map<ResourceKey, Resource> bgpRouters = new HashMap<>();
  private final HostIndex hosts = new HostIndex();

  public ConfigIndex(ResourceCodec codec, ConfigListener listener) {
    this.codec = Objects.requireNonNull(codec);
    this.listener = Objects.requireNonNull(listener);
  }

  /** Applies one watched change; {@code deleted} for a DELETED event. Other kinds are ignored. */
  public void apply(Resource r, boolean deleted) {
    Kind kind = r.kindEnum();
    if (kind == Kind.BGP_ROUTER) {
      applyBgpRouter(r, deleted);
      return;
    }
    if (kind != Kind.ROUTING_INSTANCE && kind != Kind.PORT_CONFIG) return;
    Set<String> changedHosts = new HashSet<>();
    String vrf = null;
    RoutingInstanceSpec riSpec = null;
    synchronized (this) {
      ResourceKey key = r.key();
      Map<ResourceKey, Resource> map = kind == Kind.ROUTING_INSTANCE ? instances : ports;
      Resource old = map.get(key);
      if (old != null && old.metadata().resourceVersion() > r.metadata().resourceVersion()) return; // replayed
      if (deleted) map.remove(key);
      else map.put(key, r);
      if (kind == Kind.ROUTING_INSTANCE) {
        vrf = Vrfs.name(key.project(), key.name());
        riSpec = deleted ? null : (RoutingInstanceSpec) r.spec();
        changedHosts.addAll(hosts.hostsUsing(key.project() + "/" + key.name()));
      } else {
        if (old != null) hosts.remove(key, (PortConfigSpec) old.spec());
        if (!deleted) hosts.add(key, (PortConfigSpec) r.spec());
        addHost(changedHosts, old);
        addHost(changedHosts, r);
      }
    }
    if (vrf != null) listener.instanceChanged(vrf, riSpec);
    else listener.portChanged(r.metadata().project(), r.metadata().name(), deleted ? null : (PortConfigSpec) r.spec());
    if (!changedHosts.isEmpty()) listener.hostsChanged(changedHosts);
  }

  /** Replaces everything with a fresh listing (after a 410), telling the listener about each difference. */
  public void replaceAll(List<Resource> listed) {
    Map<ResourceKey, Resource> fresh = new HashMap<>();
    for (Resource r : listed) {
      Kind k = r.kindEnum();
      if (k == Kind.ROUTING_INSTANCE || k == Kind.PORT_CONFIG || k == Kind.BGP_ROUTER) fresh.put(r.key(), r);
    }
    List<Resource> gone;
    synchronized (this) {
      gone = new java.util.ArrayList<>();
      for (Map.Entry<ResourceKey, Resource> e : instances.entrySet()) if (!fresh.containsKey(e.getKey())) gone.add(e.getValue());
      for (Map.Entry<ResourceKey, Resource> e : ports.entrySet()) if (!fresh.containsKey(e.getKey())) gone.add(e.getValue());
      for (Map.Entry<ResourceKey, Resource> e : bgpRouters.entrySet()) if (!fresh.containsKey(e.getKey())) gone.add(e.getValue());
    }
    for (Resource r : gone) apply(r, true);
    for (Resource r : fresh.values()) {
      if (r.kindEnum() == Kind.BGP_ROUTER) {
        applyBgpRouter(r, false);
        continue;
      }
      Resource have;
      synchronized (this) {
        have = (r.kindEnum() == Kind.ROUTING_INSTANCE ? instances : ports).get(r.key());
      }
      if (have == null || !have.equals(r)) forceApply(r);
    }
  }

  private void forceApply(Resource r) {
    synchronized (this) {
      Resource old = (r.kindEnum() == Kind.ROUTING_INSTANCE ? instances : ports).remove(r.key());
      if (old != null && old.kindEnum() == Kind.PORT_CONFIG) hosts.remove(old.key(), (PortConfigSpec) old.spec());
    }
    apply(r, false);
  }

  /** BgpRouters are cluster-wide; the listener gets the whole set on every change (there are few). */
  private void applyBgpRouter(Resource r, boolean deleted) {
    Map<String, BgpRouterSpec> all = new java.util.TreeMap<>();
    synchronized (this) {
      Resource old = bgpRouters.get(r.key());
      if (old != null && old.metadata().resourceVersion() > r.metadata().resourceVersion()) return; // replayed
      if (!deleted && r.equals(old)) return;
      if (deleted) {
        if (bgpRouters.remove(r.key()) == null) return;
      } else {
        bgpRouters.put(r.key(), r);
      }
      for (Resource b : bgpRouters.values()) all.put(b.metadata().name(), (BgpRouterSpec) b.spec());
    }
    listener.bgpRoutersChanged(all);
  }

  /** What {@code host} needs: its ports and the instances they use, by wire name. */
  public synchronized Map<String, HostConfigItem> hostConfig(String host) {
    Map<String, HostConfigItem> out = new LinkedHashMap<>();
    Set<String> vrfs = new HashSet<>();
    for (ResourceKey key : hosts.portsOf(host)) {
      Resource r = ports.get(key);
      PortConfigSpec pc = (PortConfigSpec) r.spec();
      vrfs.addAll(pc.routingInstances());
      if (pc.routingInstance() != null) vrfs.add(pc.routingInstance());
      String name = Vrfs.portName(r.metadata().project(), r.metadata().name());
      out.put(name, item(r, name));
    }
    for (String q : vrfs) {
      int slash = q.indexOf('/');
      if (slash < 0) continue;
      Resource ri = instances.get(new ResourceKey(Kind.ROUTING_INSTANCE, q.substring(0, slash), q.substring(slash + 1)));
      if (ri == null) continue;
      String name = Vrfs.ofQualified(q);
      out.put(name, item(ri, name));
    }
    return out;
  }

  public synchronized int instanceCount() {
    return instances.size();
  }

  public synchronized int portCount() {
    return ports.size();
  }

  public synchronized List<Resource> instances() {
    return List.copyOf(instances.values());
  }

  private HostConfigItem item(Resource r, String name) {
    try {
      return new HostConfigItem(r.kind(), name, r.metadata().resourceVersion(), codec.json().writeValueAsString(r));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void addHost(Set<String> into, Resource port) {
    if (port == null) return;
    String vr = ((PortConfigSpec) port.spec()).virtualRouter();
    if (vr != null) into.add(vr);
  }
}
