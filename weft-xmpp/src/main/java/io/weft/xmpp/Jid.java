package io.weft.xmpp;

import java.util.Objects;

/**
 * An XMPP address {@code [local@]domain[/resource]} (RFC 6120 §1.4, RFC 7622).
 *
 * <p>Tungsten Fabric's names (src/xmpp/xmpp_init.cc): the control node is
 * {@code network-control@contrailsystems.com} with resource {@code bgp-peer} for routes and
 * {@code config} for configuration; the agent's {@code from} is its bare hostname, which the
 * control node also uses as the name of the agent's BGP peer.
 */
public record Jid(String local, String domain, String resource) {

  public static final String CONTROL_LOCAL = "network-control";
  public static final String CONTROL_DOMAIN = "contrailsystems.com";
  public static final String DNS_LOCAL = "network-dns";
  public static final String RESOURCE_BGP_PEER = "bgp-peer";
  public static final String RESOURCE_CONFIG = "config";
  public static final String RESOURCE_DNS_PEER = "dns-peer";

  /** {@code network-control@contrailsystems.com}. */
  public static final Jid CONTROL = new Jid(CONTROL_LOCAL, CONTROL_DOMAIN, null);

  public Jid {
    Objects.requireNonNull(domain, "domain");
    if (domain.isEmpty()) throw new IllegalArgumentException("empty JID domain");
    if (local != null && local.isEmpty()) local = null;
    if (resource != null && resource.isEmpty()) resource = null;
  }

  /** An agent's JID as the original agent sends it: its bare hostname. */
  public static Jid agent(String hostname) {
    return new Jid(null, hostname, null);
  }

  /** Parses {@code [local@]domain[/resource]}; returns null when the text is no JID. */
  public static Jid parse(String text) {
    if (text == null || text.isEmpty()) return null;
    int slash = text.indexOf('/');
    String bare = slash < 0 ? text : text.substring(0, slash);
    String resource = slash < 0 ? null : text.substring(slash + 1);
    int at = bare.indexOf('@');
    String local = at < 0 ? null : bare.substring(0, at);
    String domain = at < 0 ? bare : bare.substring(at + 1);
    if (domain.isEmpty() || (local != null && local.isEmpty())) return null;
    return new Jid(local, domain, resource);
  }

  public Jid withResource(String newResource) {
    return new Jid(local, domain, newResource);
  }

  public Jid bare() {
    return resource == null ? this : new Jid(local, domain, null);
  }

  /**
   * The host name an agent JID stands for: the local part of {@code host@domain}, or the
   * bare domain when the agent sent only its hostname (the original agent's form).
   */
  public String agentHost() {
    return local != null ? local : domain;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (local != null) sb.append(local).append('@');
    sb.append(domain);
    if (resource != null) sb.append('/').append(resource);
    return sb.toString();
  }
}
