package io.weft.agent.services.dns;

import io.weft.dns.DnsMessage;
import io.weft.dns.DnsName;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
import io.weft.dns.ReverseName;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vRouter's DNS service (SYSTEM.md §4): answers A/AAAA for {@code <port>.<project>} and
 * {@code <port>.<project>.<domain>} and PTR for port addresses, from the agent's own ports
 * first and then from the control nodes' DNS (which knows the ports of every host), and
 * forwards every other query to the host's resolvers.
 *
 * <p>Names under {@code domain} are the agent's zone: one the control nodes do not know either
 * gets an authoritative NXDOMAIN, and SERVFAIL when no control node answered. Two-label names
 * outside the domain the control nodes do not know go to the host's resolvers, since
 * {@code example.com} has two labels too; so do reverse names of addresses no port holds.
 *
 * <p>Thread-safe if {@link DnsNames} is; a query sent upstream blocks its caller (run it on a
 * virtual thread).
 */
public final class DnsResponder {
  /** TTL of answers about ports: short, since ports come and go. */
  static final long TTL = 30;
  /** How long one control node may take before the next is asked: it answers from memory, so only a dead one is slow. */
  public static final Duration CONTROL_NODE_TIMEOUT = Duration.ofMillis(500);

  private final String domain;
  private final DnsNames names;
  private final Upstream controlNodes;
  private final Upstream hostResolvers;

  /**
   * @param domain the agent's DNS domain (handed out by DHCP)
   * @param names the agent's own ports
   * @param controlNodes the control nodes' DNS servers ({@link Upstream#NONE}, or a {@link UdpUpstream} without
   *     servers, when there are none: then this host's ports are all the port names there are)
   * @param hostResolvers the host's resolvers, for names outside the port zone
   */
  public DnsResponder(String domain, DnsNames names, Upstream controlNodes, Upstream hostResolvers) {
    this.domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
    this.names = names;
    this.controlNodes = controlNodes instanceof UdpUpstream u && u.servers().isEmpty() ? Upstream.NONE : controlNodes;
    this.hostResolvers = hostResolvers;
  }

  /** The answer to a query (wire form), or empty when the packet deserves none (a response, a runt). */
  public Optional<byte[]> respond(byte[] query) {
    if (!(DnsMessage.decode(ByteBuffer.wrap(query)) instanceof DnsMessage q)) return DnsMessage.formatError(query, DnsMessage.RA);
    if (q.isResponse()) return Optional.empty();
    if (q.opcode() != 0) return Optional.of(q.reply(DnsMessage.RA, DnsMessage.RCODE_NOTIMP, List.of()).encode());
    if (q.questions().size() != 1) return Optional.of(q.reply(DnsMessage.RA, DnsMessage.RCODE_FORMERR, List.of()).encode());
    Optional<DnsMessage> own;
    try {
      own = answer(q, q.questions().getFirst());
      if (own.isPresent()) return Optional.of(own.get().encode());
    } catch (IllegalArgumentException e) {
      return Optional.of(q.reply(DnsMessage.RA, DnsMessage.RCODE_FORMERR, List.of()).encode()); // a name that cannot be encoded
    }
    return Optional.of(hostResolvers.resolve(query)
        .orElseGet(() -> q.reply(DnsMessage.RA, DnsMessage.RCODE_SERVFAIL, List.of()).encode()));
  }

  /** The answer from the port zone, or empty when the query belongs to the host's resolvers. */
  private Optional<DnsMessage> answer(DnsMessage q, DnsQuestion question) {
    if (question.qclass() != DnsMessage.CLASS_IN) return Optional.empty();
    String name = question.name().toLowerCase(Locale.ROOT);
    if (question.type() == DnsMessage.TYPE_PTR) return ptr(q, question, name);
    boolean underDomain = !domain.isEmpty() && name.endsWith("." + domain);
    String relative = underDomain ? name.substring(0, name.length() - domain.length() - 1) : name;
    String[] labels = relative.split("\\.", -1);
    if (labels.length != 2 || labels[0].isEmpty() || labels[1].isEmpty()) {
      return underDomain ? Optional.of(authoritative(q, DnsMessage.RCODE_NXDOMAIN, List.of())) : Optional.empty();
    }
    List<String> addrs = names.addressesOf(labels[0], labels[1]);
    if (!addrs.isEmpty()) return Optional.of(authoritative(q, DnsMessage.RCODE_NOERROR, records(question, addrs)));
    // Not one of this host's ports: the control nodes know every port (asked without our domain, so theirs may differ).
    return switch (ControlNodeAnswer.ask(controlNodes, new DnsQuestion(relative, question.type(), DnsMessage.CLASS_IN))) {
      case ControlNodeAnswer.Found(List<DnsRecord> rs) -> Optional.of(authoritative(q, DnsMessage.RCODE_NOERROR,
          rs.stream().filter(r -> r.type() == question.type())
              .map(r -> new DnsRecord(question.name(), r.type(), r.rclass(), r.ttl(), r.rdata())).toList()));
      case ControlNodeAnswer.NoSuchName() -> underDomain ? Optional.of(authoritative(q, DnsMessage.RCODE_NXDOMAIN, List.of()))
          : Optional.empty();
      case ControlNodeAnswer.Unavailable() -> underDomain ? Optional.of(q.reply(DnsMessage.RA, DnsMessage.RCODE_SERVFAIL, List.of()))
          : Optional.empty();
    };
  }

  /** The records of the asked type among a port's addresses; none when it has only the other family (RFC 2308 §2.2). */
  private static List<DnsRecord> records(DnsQuestion question, List<String> addresses) {
    List<DnsRecord> out = new ArrayList<>();
    for (String a : addresses) {
      byte[] raw = InetAddress.ofLiteral(a).getAddress();
      int type = raw.length == 4 ? DnsMessage.TYPE_A : DnsMessage.TYPE_AAAA;
      if (type == question.type()) out.add(new DnsRecord(question.name(), type, DnsMessage.CLASS_IN, TTL, raw));
    }
    return out;
  }

  private Optional<DnsMessage> ptr(DnsMessage q, DnsQuestion question, String name) {
    Optional<InetAddress> address = ReverseName.parse(name);
    if (address.isEmpty()) return Optional.empty();
    String owner = names.nameOf(address.get().getHostAddress());
    if (owner != null) {
      String target = domain.isEmpty() ? owner : owner + "." + domain;
      DnsRecord r = new DnsRecord(question.name(), DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN, TTL, DnsName.toWire(target));
      return Optional.of(authoritative(q, DnsMessage.RCODE_NOERROR, List.of(r)));
    }
    if (ControlNodeAnswer.ask(controlNodes, new DnsQuestion(name, DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN))
        instanceof ControlNodeAnswer.Found(List<DnsRecord> rs) && !rs.isEmpty()) {
      return Optional.of(authoritative(q, DnsMessage.RCODE_NOERROR, rs.stream().filter(r -> r.type() == DnsMessage.TYPE_PTR)
          .map(r -> new DnsRecord(question.name(), r.type(), r.rclass(), r.ttl(), r.rdata())).toList()));
    }
    return Optional.empty(); // an address no port holds: a public one, perhaps
  }

  /** An answer from the port zone: AA set (RFC 1035 §4.1.1), RA since the agent also recurses for the pod. */
  private static DnsMessage authoritative(DnsMessage q, int rcode, List<DnsRecord> answers) {
    return q.reply(DnsMessage.AA | DnsMessage.RA, rcode, answers);
  }
}
