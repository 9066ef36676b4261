package io.weft.control.dns;

import io.weft.model.derived.PortConfigSpec;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every port's DNS name and addresses, from the PortConfigs the control node watches: forward
 * ({@code <port>.<project>} → addresses) and reverse (address → names). Names are kept in
 * lower case, since DNS compares them without case (RFC 4343). Networks may overlap, so one
 * address can belong to ports of several networks: the reverse map keeps all their names.
 *
 * <p>Concurrency: {@code synchronized}; written by the config watcher thread, read by the DNS
 * server's thread.
 */
public final class PortNames {
  private final Map<String, List<InetAddress>> addresses = new HashMap<>();
  private final Map<InetAddress, Set<String>> names = new HashMap<>();
  private final Map<String, Integer> portsPerProject = new HashMap<>();

  /** Records port {@code name} of {@code project} with the addresses of {@code spec}; a null spec removes it. */
  public synchronized void put(String project, String name, PortConfigSpec spec) {
    String key = key(name, project);
    List<InetAddress> old = addresses.remove(key);
    if (old != null) {
      portsPerProject.computeIfPresent(lower(project), (p, n) -> n == 1 ? null : n - 1);
      for (InetAddress a : old) names.computeIfPresent(a, (x, s) -> s.remove(key) && s.isEmpty() ? null : s);
    }
    if (spec == null) return;
    List<InetAddress> now = spec.addresses().stream().map(a -> parse(a.address())).filter(a -> a != null).distinct().toList();
    addresses.put(key, now);
    portsPerProject.merge(lower(project), 1, Integer::sum);
    for (InetAddress a : now) names.computeIfAbsent(a, x -> new TreeSet<>()).add(key);
  }

  /** The addresses of port {@code port} in {@code project}; null when there is no such port. */
  public synchronized List<InetAddress> addressesOf(String port, String project) {
    return addresses.get(key(port, project));
  }

  /** The {@code <port>.<project>} names of the ports holding {@code address}, sorted; empty if none. */
  public synchronized List<String> namesOf(InetAddress address) {
    Set<String> s = names.get(address);
    return s == null ? List.of() : List.copyOf(s);
  }

  /** Whether {@code project} has a port, which makes {@code <anything>.<project>} a name of the zone. */
  public synchronized boolean hasProject(String project) {
    return portsPerProject.containsKey(lower(project));
  }

  public synchronized int size() {
    return addresses.size();
  }

  private static String key(String port, String project) {
    return lower(port) + "." + lower(project);
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  private static InetAddress parse(String address) {
    try {
      return address == null ? null : InetAddress.ofLiteral(address);
    } catch (IllegalArgumentException e) {
      return null; // the compiler wrote something else: not a name's address
    }
  }
}
