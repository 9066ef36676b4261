package io.weft.agent.services.dns;

import java.util.List;

/** The agent's port table as the DNS responder sees it. Implementations are thread-safe. */
public interface DnsNames {
  /** The addresses (IPv4 and IPv6 text) of port {@code port} in project {@code project}; empty if unknown. */
  List<String> addressesOf(String port, String project);

  /** {@code <port>.<project>} of the port holding {@code address}, or null. */
  String nameOf(String address);
}
