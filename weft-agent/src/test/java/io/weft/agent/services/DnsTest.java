package io.weft.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.services.dns.DnsMessage;
import io.weft.agent.services.dns.DnsNames;
import io.weft.agent.services.dns.DnsQuestion;
import io.weft.agent.services.dns.DnsResponder;
import io.weft.agent.services.dns.HostResolvers;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DnsTest {
  static final Map<String, List<String>> PORTS = Map.of("web.finance", List.of("10.1.1.3", "fd00::3"));
  static final DnsNames NAMES = new DnsNames() {
    public List<String> addressesOf(String port, String project) {
      return PORTS.getOrDefault(port + "." + project, List.of());
    }

    public String nameOf(String address) {
      return address.equals("10.1.1.3") ? "web.finance" : null;
    }
  };
  final AtomicInteger forwarded = new AtomicInteger();
  final DnsResponder responder = new DnsResponder("weft.local", NAMES, q -> {
    forwarded.incrementAndGet();
    return Optional.empty();
  });

  @Test
  void decodesBusyboxQueryAndAnswersFromThePortTable() {
    byte[] q = Vectors.load("dns-query-a-busybox.hex");
    DnsMessage query = DnsMessage.decode(ByteBuffer.wrap(q)).orThrow();
    assertThat(query.id()).isEqualTo(0x0e2b);
    assertThat(query.questions()).containsExactly(new DnsQuestion("web.finance", DnsMessage.TYPE_A, DnsMessage.CLASS_IN));
    assertThat(query.encode()).isEqualTo(q);
    byte[] answer = responder.respond(q).orElseThrow();
    assertThat(HexFormat.of().formatHex(answer)).isEqualTo(
        "0e2b" + "8580" + "0001" + "0001" + "0000" + "0000" // id; QR AA RD RA NOERROR; 1 question, 1 answer
            + "03776562" + "0766696e616e636500" + "0001" + "0001" // question
            + "03776562" + "0766696e616e636500" + "0001" + "0001" + "0000001e" + "0004" + "0a010103"); // A 10.1.1.3 ttl 30
    assertThat(forwarded).hasValue(0);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "web.finance, 28, 0, fd00::3",
      "web.finance.weft.local, 1, 0, 10.1.1.3",
      "WEB.Finance.weft.local, 1, 0, 10.1.1.3",
      "db.finance.weft.local, 1, 3, ",
      "a.b.c.weft.local, 1, 3, "})
  void localNames(String name, int type, int rcode, String address) throws Exception {
    byte[] q = new DnsMessage(5, DnsMessage.RD, List.of(new DnsQuestion(name, type, 1)), List.of(), List.of(), List.of()).encode();
    DnsMessage r = DnsMessage.decode(ByteBuffer.wrap(responder.respond(q).orElseThrow())).orThrow();
    assertThat(r.rcode()).isEqualTo(rcode);
    assertThat(r.flags() & DnsMessage.AA).isNotZero();
    if (address == null) assertThat(r.answers()).isEmpty();
    else assertThat(InetAddress.getByAddress(r.answers().getFirst().rdata())).isEqualTo(InetAddress.ofLiteral(address));
    assertThat(forwarded).hasValue(0);
  }

  @Test
  void ptrForPortAddresses() {
    byte[] q = new DnsMessage(6, 0, List.of(new DnsQuestion("3.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR, 1)), List.of(), List.of(),
        List.of()).encode();
    DnsMessage r = DnsMessage.decode(ByteBuffer.wrap(responder.respond(q).orElseThrow())).orThrow();
    assertThat(HexFormat.of().formatHex(r.answers().getFirst().rdata())).isEqualTo("03776562" + "0766696e616e6365" + "0477656674"
        + "056c6f63616c00");
  }

  @Test
  void otherNamesGoToTheHostResolverAndItsAnswerIsRelayed() throws Exception {
    try (DatagramSocket fake = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      Thread server = Thread.ofVirtual().start(() -> {
        try {
          byte[] buf = new byte[512];
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          fake.receive(p);
          DnsMessage q = DnsMessage.decode(ByteBuffer.wrap(buf, 0, p.getLength())).orThrow();
          byte[] a = new DnsMessage(q.id(), DnsMessage.QR | DnsMessage.RA | DnsMessage.RD, q.questions(),
              List.of(new io.weft.agent.services.dns.DnsRecord(q.questions().getFirst().name(), 1, 1, 60, new byte[] {93, (byte) 184, (byte) 216, 34})),
              List.of(), List.of()).encode();
          fake.send(new DatagramPacket(a, a.length, p.getSocketAddress()));
        } catch (Exception e) {
          throw new RuntimeException(e);
        }
      });
      DnsResponder r = new DnsResponder("weft.local", NAMES,
          new HostResolvers(List.of((InetSocketAddress) fake.getLocalSocketAddress()), Duration.ofSeconds(2)));
      byte[] q = new DnsMessage(77, DnsMessage.RD, List.of(new DnsQuestion("example.com", 1, 1)), List.of(), List.of(), List.of()).encode();
      DnsMessage answer = DnsMessage.decode(ByteBuffer.wrap(r.respond(q).orElseThrow())).orThrow();
      server.join();
      assertThat(answer.id()).isEqualTo(77);
      assertThat(answer.answers().getFirst().rdata()).containsExactly(93, 184, 216, 34);
    }
  }

  @Test
  void silentUpstreamGivesServfailAndGarbageGivesFormerr() {
    byte[] q = new DnsMessage(8, DnsMessage.RD, List.of(new DnsQuestion("example.org", 1, 1)), List.of(), List.of(), List.of()).encode();
    assertThat(DnsMessage.decode(ByteBuffer.wrap(responder.respond(q).orElseThrow())).orThrow().rcode())
        .isEqualTo(DnsMessage.RCODE_SERVFAIL);
    assertThat(forwarded).hasValue(1);
    byte[] junk = HexFormat.of().parseHex("1234010000010000000000000377");
    assertThat(DnsMessage.decode(ByteBuffer.wrap(responder.respond(junk).orElseThrow())).orThrow().rcode())
        .isEqualTo(DnsMessage.RCODE_FORMERR);
  }

  @Test
  void compressionPointersMustPointBackwards() {
    // header + question with a pointer to itself at offset 12
    byte[] loop = HexFormat.of().parseHex("000101000001000000000000c00c00010001");
    assertThat(DnsMessage.decode(ByteBuffer.wrap(loop))).isInstanceOf(Parsed.Failed.class);
    // answer name pointing back at the question name (offset 12)
    byte[] ok = HexFormat.of().parseHex("000181800001000100000000" + "037765620000010001" + "c00c00010001" + "0000001e00040a010103");
    DnsMessage m = DnsMessage.decode(ByteBuffer.wrap(ok)).orThrow();
    assertThat(m.answers().getFirst().name()).isEqualTo("web");
  }

  @Test
  void randomBytesNeverThrow() {
    Random rnd = new Random(7);
    byte[] base = Vectors.load("dns-query-a-busybox.hex");
    for (int i = 0; i < 5000; i++) {
      byte[] w = base.clone();
      for (int k = 0; k < 1 + rnd.nextInt(6); k++) w[rnd.nextInt(w.length)] = (byte) rnd.nextInt();
      responder.respond(java.util.Arrays.copyOf(w, rnd.nextInt(w.length + 1)));
    }
  }
}
