package io.weft.control.dns;

import io.weft.dns.DnsMessage;
import io.weft.dns.DnsName;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
import io.weft.dns.ReverseName;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The control node's authoritative zone of port names (the role of TF's contrail-named for
 * a virtual DNS): A/AAAA for {@code <port>.<project>} and {@code <port>.<project>.<domain>},
 * PTR for port addresses.
 *
 * <ul>
 *   <li>Names under {@code domain} are the zone: one that names no port is NXDOMAIN.
 *   <li>Two-label names {@code <x>.<project>} are in the zone when {@code project} has ports
 *       (NXDOMAIN if {@code x} is not one of them); other names are REFUSED (RFC 1035
 *       §4.1.1), as are reverse names of addresses no port holds: this server does not recurse.
 *   <li>Malformed queries get FORMERR, other opcodes NOTIMP; responses are never answered.
 * </ul>
 * Pure apart from reading {@link PortNames}; thread-safe.
 */
public final class PortZone {
  /** TTL of answers: short, since ports come and go (the agent answers its own ports with the same). */
  static final long TTL = 30;

  private final String domain;
  private final PortNames names;

  public PortZone(String domain, PortNames names) {
    this.domain = domain == null ? "" : domain.toLowerCase(Locale.ROOT);
    this.names = names;
  }

  /** The response to {@code query} (wire form), or empty when it deserves none (a response, a runt). */
  public Optional<byte[]> respond(byte[] query) {
    if (!(DnsMessage.decode(ByteBuffer.wrap(query)) instanceof DnsMessage q)) return DnsMessage.formatError(query, 0);
    if (q.isResponse()) return Optional.empty();
    DnsMessage r;
    if (q.opcode() != 0) r = q.reply(0, DnsMessage.RCODE_NOTIMP, List.of());
    else if (q.questions().size() != 1) r = q.reply(0, DnsMessage.RCODE_FORMERR, List.of());
    else r = answer(q, q.questions().getFirst());
    try {
      return Optional.of(fit(r));
    } catch (IllegalArgumentException e) {
      return Optional.of(new DnsMessage(q.id(), DnsMessage.QR | DnsMessage.RCODE_FORMERR, List.of(), List.of(), List.of(), List.of())
          .encode()); // a question name that cannot be written back
    }
  }

  private DnsMessage answer(DnsMessage q, DnsQuestion question) {
    if (question.qclass() != DnsMessage.CLASS_IN) return q.reply(0, DnsMessage.RCODE_REFUSED, List.of());
    String name = question.name().toLowerCase(Locale.ROOT);
    if (ReverseName.isReverse(name)) return reverse(q, question, name);
    boolean underDomain = !domain.isEmpty() && name.endsWith("." + domain);
    if (name.equals(domain)) return q.reply(DnsMessage.AA, DnsMessage.RCODE_NOERROR, List.of()); // the apex exists
    String relative = underDomain ? name.substring(0, name.length() - domain.length() - 1) : name;
    String[] labels = relative.split("\\.", -1);
    boolean portShape = labels.length == 2 && !labels[0].isEmpty() && !labels[1].isEmpty();
    if (!underDomain && !(portShape && names.hasProject(labels[1]))) return q.reply(0, DnsMessage.RCODE_REFUSED, List.of());
    List<InetAddress> addresses = portShape ? names.addressesOf(labels[0], labels[1]) : null;
    if (addresses == null) return q.reply(DnsMessage.AA, DnsMessage.RCODE_NXDOMAIN, List.of());
    List<DnsRecord> answers = new ArrayList<>();
    for (InetAddress a : addresses) {
      byte[] raw = a.getAddress();
      int type = raw.length == 4 ? DnsMessage.TYPE_A : DnsMessage.TYPE_AAAA;
      if (type == question.type()) answers.add(new DnsRecord(question.name(), type, DnsMessage.CLASS_IN, TTL, raw));
    }
    // A port without a record of the asked type: NOERROR with no answers (RFC 2308 §2.2).
    return q.reply(DnsMessage.AA, DnsMessage.RCODE_NOERROR, answers);
  }

  private DnsMessage reverse(DnsMessage q, DnsQuestion question, String name) {
    Optional<InetAddress> address = ReverseName.parse(name);
    List<String> owners = address.map(names::namesOf).orElse(List.of());
    if (owners.isEmpty()) return q.reply(0, DnsMessage.RCODE_REFUSED, List.of());
    if (question.type() != DnsMessage.TYPE_PTR) return q.reply(DnsMessage.AA, DnsMessage.RCODE_NOERROR, List.of());
    List<DnsRecord> answers = new ArrayList<>();
    for (String owner : owners) {
      String target = domain.isEmpty() ? owner : owner + "." + domain;
      answers.add(new DnsRecord(question.name(), DnsMessage.TYPE_PTR, DnsMessage.CLASS_IN, TTL, DnsName.toWire(target)));
    }
    return q.reply(DnsMessage.AA, DnsMessage.RCODE_NOERROR, answers);
  }

  /** The wire form, within 512 octets: a longer answer is sent empty with TC set (RFC 1035 §4.2.1, RFC 2181 §9). */
  private static byte[] fit(DnsMessage r) {
    byte[] wire = r.encode();
    if (wire.length <= DnsMessage.UDP_MAX) return wire;
    return new DnsMessage(r.id(), r.flags() | DnsMessage.TC, r.questions(), List.of(), List.of(), List.of()).encode();
  }
}
