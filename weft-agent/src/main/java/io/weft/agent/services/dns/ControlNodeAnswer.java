package io.weft.agent.services.dns;

import io.weft.dns.DnsDecodeResult;
import io.weft.dns.DnsMessage;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What the control nodes' DNS said about a port name or port address the agent does not
 * hold (tungsten-fabric.md §5, {@code virtual-dns-server}: the agent resolves through the
 * control nodes' named): its records, that no such port exists, or nothing usable.
 */
sealed interface ControlNodeAnswer {
  /** The name exists; {@code records} may be empty when it has no record of the asked type (RFC 2308 §2.2). */
  record Found(List<DnsRecord> records) implements ControlNodeAnswer {}

  /** NXDOMAIN or REFUSED: no port has this name or address. */
  record NoSuchName() implements ControlNodeAnswer {}

  /** No control node answered in time, or its answer was unusable (SERVFAIL, garbage). */
  record Unavailable() implements ControlNodeAnswer {}

  /** Asks {@code controlNodes} one question with a fresh id (RFC 5452 §9.2) and classifies the answer. */
  static ControlNodeAnswer ask(Upstream controlNodes, DnsQuestion question) {
    if (controlNodes == Upstream.NONE) return new NoSuchName(); // no control nodes: no other ports
    int id = ThreadLocalRandom.current().nextInt(0x10000);
    byte[] query = DnsMessage.query(id, question).encode();
    byte[] wire = controlNodes.resolve(query).orElse(null);
    if (wire == null) return new Unavailable();
    DnsDecodeResult decoded = DnsMessage.decode(ByteBuffer.wrap(wire));
    if (!(decoded instanceof DnsMessage m) || m.id() != id || !m.isResponse() || !m.questions().equals(List.of(question))) {
      return new Unavailable();
    }
    return switch (m.rcode()) {
      case DnsMessage.RCODE_NOERROR -> new Found(m.answers());
      // REFUSED: the name is outside the control node's zone (a project without ports), so no port has it either
      case DnsMessage.RCODE_NXDOMAIN, DnsMessage.RCODE_REFUSED -> new NoSuchName();
      default -> new Unavailable();
    };
  }
}
