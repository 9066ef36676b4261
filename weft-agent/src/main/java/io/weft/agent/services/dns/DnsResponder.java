package io.weft.agent.services.dns;

import io.weft.agent.services.Parsed;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The vRouter's DNS service (SYSTEM.md §4): answers A/AAAA for {@code <port>.<project>} and
 * {@code <port>.<project>.<domain>} from the agent's port table, PTR for port addresses,
 * and forwards every other query to the host's resolvers. Names under {@code domain} that
 * name no port get an authoritative NXDOMAIN; two-label names that name no port are
 * forwarded, since {@code example.com} has two labels too.
 *
 * <p>Thread-safe if {@link DnsNames} is; a forwarded query blocks its caller (run it on a
 * virtual thread).
 */
public final class DnsResponder {
  /** TTL of answers from the port table: short, since ports come and go. */
  static final long TTL = 30;

  private final String domain;
  private final DnsNames names;
  private final Upstream upstream;

  public DnsResponder(String domain, DnsNames names, Upstream upstream) {
    this.domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
    this.names = names;
    this.upstream = upstream;
  }

  /** The answer to a query (wire form), or empty when the packet deserves none (a response, garbage). */
  public Optional<byte[]> respond(byte[] query) {
    Parsed<DnsMessage> parsed = DnsMessage.decode(ByteBuffer.wrap(query));
    if (!(parsed instanceof Parsed.Ok<DnsMessage>(DnsMessage q))) {
      if (query.length < DnsMessage.HEADER) return Optional.empty();
      int id = ((query[0] & 0xff) << 8) | (query[1] & 0xff);
      return Optional.of(header(id, 0, DnsMessage.RCODE_FORMERR, List.of(), List.of()).encode());
    }
    if (q.isResponse()) return Optional.empty();
    if (q.opcode() != 0 || q.questions().size() != 1) {
      return Optional.of(header(q.id(), q.flags(), q.opcode() != 0 ? DnsMessage.RCODE_NOTIMP : DnsMessage.RCODE_FORMERR,
          q.questions(), List.of()).encode());
    }
    DnsQuestion question = q.questions().getFirst();
    Optional<DnsMessage> local = answerLocally(q, question);
    if (local.isPresent()) return Optional.of(local.get().encode());
    return Optional.of(upstream.resolve(query)
        .orElseGet(() -> header(q.id(), q.flags(), DnsMessage.RCODE_SERVFAIL, q.questions(), List.of()).encode()));
  }

  private Optional<DnsMessage> answerLocally(DnsMessage q, DnsQuestion question) {
    String name = question.name().toLowerCase(Locale.ROOT);
    if (question.qclass() != DnsMessage.CLASS_IN) return Optional.empty();
    if (question.type() == DnsMessage.TYPE_PTR) return ptr(q, question, name);
    boolean underDomain = !domain.isEmpty() && name.endsWith("." + domain);
    String relative = underDomain ? name.substring(0, name.length() - domain.length() - 1) : name;
    String[] labels = relative.split("\\.");
    if (labels.length != 2) {
      return underDomain ? Optional.of(header(q.id(), q.flags() | DnsMessage.AA, DnsMessage.RCODE_NXDOMAIN, q.questions(),
          List.of())) : Optional.empty();
    }
    List<String> addrs = names.addressesOf(labels[0], labels[1]);
    if (addrs.isEmpty()) {
      return underDomain ? Optional.of(header(q.id(), q.flags() | DnsMessage.AA, DnsMessage.RCODE_NXDOMAIN, q.questions(),
          List.of())) : Optional.empty();
    }
    List<DnsRecord> answers = new ArrayList<>();
    for (String a : addrs) {
      byte[] raw = InetAddress.ofLiteral(a).getAddress();
      int type = raw.length == 4 ? DnsMessage.TYPE_A : DnsMessage.TYPE_AAAA;
      if (type == question.type()) answers.add(new DnsRecord(question.name(), type, DnsMessage.CLASS_IN, TTL, raw));
    }
    // A name that exists without a record of the asked type: NOERROR with no answers (RFC 2308 §2.2).
    return Optional.of(header(q.id(), q.flags() | DnsMessage.AA, DnsMessage.RCODE_NOERROR, q.questions(), answers));
  }

  private Optional<DnsMessage> ptr(DnsMessage q, DnsQuestion question, String name) {
    String suffix = ".in-addr.arpa";
    if (!name.endsWith(suffix)) return Optional.empty();
    String[] o = name.substring(0, name.length() - suffix.length()).split("\\.");
    if (o.length != 4) return Optional.empty();
    String address = o[3] + "." + o[2] + "." + o[1] + "." + o[0];
    String owner;
    try {
      owner = names.nameOf(address);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (owner == null) return Optional.empty();
    String target = domain.isEmpty() ? owner : owner + "." + domain;
    java.io.ByteArrayOutputStream rd = new java.io.ByteArrayOutputStream();
    DnsMessage.writeName(rd, target);
    return Optional.of(header(q.id(), q.flags() | DnsMessage.AA, DnsMessage.RCODE_NOERROR, q.questions(),
        List.of(new DnsRecord(question.name(), DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN, TTL, rd.toByteArray()))));
  }

  /** A response header: QR and RA set, RD copied from the query (RFC 1035 §4.1.1). */
  private static DnsMessage header(int id, int queryFlags, int rcode, List<DnsQuestion> qs, List<DnsRecord> answers) {
    int flags = DnsMessage.QR | DnsMessage.RA | (queryFlags & (DnsMessage.RD | DnsMessage.AA | 0x7800)) | rcode;
    return new DnsMessage(id, flags, qs, answers, List.of(), List.of());
  }
}
