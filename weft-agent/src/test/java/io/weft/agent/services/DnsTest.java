package io.weft.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.services.dns.DnsNames;
import io.weft.agent.services.dns.DnsResponder;
import io.weft.agent.services.dns.UdpUpstream;
import io.weft.agent.services.dns.Upstream;
import io.weft.dns.DnsMessage;
import io.weft.dns.DnsName;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
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
  /** The ports of other hosts, as the control node's DNS knows them. */
  static final Map<String, byte[]> REMOTE = Map.of("db.finance", new byte[] {10, 1, 1, 9});
  final AtomicInteger forwarded = new AtomicInteger();
  final Upstream silentHost = q -> {
    forwarded.incrementAndGet();
    return Optional.empty();
  };
  final DnsResponder responder = new DnsResponder("weft.local", NAMES, Upstream.NONE, silentHost);

  /** A control node's DNS: A for the REMOTE ports, PTR for 10.1.1.9, NXDOMAIN for the rest. */
  static DnsMessage controlNode(DnsMessage q) {
    DnsQuestion question = q.questions().getFirst();
    if (question.type() == DnsMessage.TYPE_PTR && question.name().equals("9.1.1.10.in-addr.arpa")) {
      return q.reply(DnsMessage.AA, 0, List.of(new DnsRecord(question.name(), DnsMessage.TYPE_PTR, 1, 30,
          DnsName.toWire("db.finance.weft.local"))));
    }
    byte[] a = REMOTE.get(question.name());
    if (a == null) return q.reply(DnsMessage.AA, DnsMessage.RCODE_NXDOMAIN, List.of());
    List<DnsRecord> rs = question.type() == DnsMessage.TYPE_A ? List.of(new DnsRecord(question.name(), 1, 1, 30, a)) : List.of();
    return q.reply(DnsMessage.AA, 0, rs);
  }

  /** weft-dns's vector dns-query-a-busybox.hex: busybox nslookup asking for web.finance A. */
  static final byte[] BUSYBOX_QUERY = HexFormat.of().parseHex("0e2b01000001000000000000" + "037765620766696e616e636500" + "00010001");

  static byte[] query(int id, String name, int type) {
    return DnsMessage.query(id, new DnsQuestion(name, type, DnsMessage.CLASS_IN)).encode();
  }

  static DnsMessage decode(byte[] wire) {
    return DnsMessage.decode(ByteBuffer.wrap(wire)).orThrow();
  }

  @Test
  void answersABusyboxQueryFromThePortTable() {
    byte[] answer = responder.respond(BUSYBOX_QUERY).orElseThrow();
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
  void localNamesWithoutControlNodes(String name, int type, int rcode, String address) throws Exception {
    DnsMessage r = decode(responder.respond(query(5, name, type)).orElseThrow());
    assertThat(r.rcode()).isEqualTo(rcode);
    assertThat(r.flags() & DnsMessage.AA).isNotZero();
    if (address == null) assertThat(r.answers()).isEmpty();
    else assertThat(InetAddress.getByAddress(r.answers().getFirst().rdata())).isEqualTo(InetAddress.ofLiteral(address));
    assertThat(forwarded).hasValue(0);
  }

  @Test
  void ptrForPortAddresses() {
    DnsMessage r = decode(responder.respond(query(6, "3.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR)).orElseThrow());
    assertThat(HexFormat.of().formatHex(r.answers().getFirst().rdata())).isEqualTo("03776562" + "0766696e616e6365" + "0477656674"
        + "056c6f63616c00");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"db.finance.weft.local", "db.finance", "DB.finance.weft.local"})
  void aPortOfAnotherHostIsAskedOfTheControlNodeUnderItsProjectName(String name) throws Exception {
    try (FakeDnsServer control = new FakeDnsServer(DnsTest::controlNode)) {
      DnsResponder r = new DnsResponder("weft.local", NAMES, new UdpUpstream(List.of(control.address()), Duration.ofSeconds(2)),
          silentHost);
      DnsMessage answer = decode(r.respond(query(9, name, DnsMessage.TYPE_A)).orElseThrow());
      assertThat(answer.id()).isEqualTo(9);
      assertThat(answer.rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
      assertThat(answer.flags() & DnsMessage.AA).isNotZero();
      assertThat(answer.answers()).containsExactly(new DnsRecord(name, DnsMessage.TYPE_A, 1, 30, new byte[] {10, 1, 1, 9}));
      assertThat(control.asked()).containsExactly(new DnsQuestion("db.finance", DnsMessage.TYPE_A, 1));
      assertThat(forwarded).hasValue(0);
    }
  }

  @Test
  void whatTheControlNodeDoesNotKnowIsNxdomainInTheDomainAndGoesToTheHostOutsideIt() throws Exception {
    try (FakeDnsServer control = new FakeDnsServer(DnsTest::controlNode)) {
      DnsResponder r = new DnsResponder("weft.local", NAMES, new UdpUpstream(List.of(control.address()), Duration.ofSeconds(2)),
          silentHost);
      assertThat(decode(r.respond(query(10, "nope.finance.weft.local", 1)).orElseThrow()).rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN);
      assertThat(forwarded).hasValue(0);
      assertThat(decode(r.respond(query(11, "example.com", 1)).orElseThrow()).rcode()).isEqualTo(DnsMessage.RCODE_SERVFAIL);
      assertThat(forwarded).as("example.com went to the host's resolvers").hasValue(1);
      assertThat(decode(r.respond(query(12, "9.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR)).orElseThrow()).answers())
          .extracting(DnsRecord::rdata).containsExactly(DnsName.toWire("db.finance.weft.local"));
      assertThat(decode(r.respond(query(13, "8.8.8.8.in-addr.arpa", DnsMessage.TYPE_PTR)).orElseThrow()).rcode())
          .isEqualTo(DnsMessage.RCODE_SERVFAIL);
      assertThat(forwarded).as("a public address's PTR went to the host's resolvers").hasValue(2);
    }
  }

  @Test
  void withoutAnyControlNodeAnsweringAPortNameInTheDomainIsServfail() throws Exception {
    try (FakeDnsServer dead = new FakeDnsServer(q -> null)) {
      DnsResponder r = new DnsResponder("weft.local", NAMES, new UdpUpstream(List.of(dead.address()), Duration.ofMillis(100)), silentHost);
      assertThat(decode(r.respond(query(15, "db.finance.weft.local", 1)).orElseThrow()).rcode()).isEqualTo(DnsMessage.RCODE_SERVFAIL);
      assertThat(forwarded).hasValue(0);
    }
  }

  @Test
  void aSilentControlNodeIsSkippedForTheOther() throws Exception {
    try (FakeDnsServer dead = new FakeDnsServer(q -> null); FakeDnsServer alive = new FakeDnsServer(DnsTest::controlNode)) {
      DnsResponder r = new DnsResponder("weft.local", NAMES,
          new UdpUpstream(List.of(dead.address(), alive.address()), Duration.ofMillis(200)), silentHost);
      DnsMessage answer = decode(r.respond(query(14, "db.finance.weft.local", 1)).orElseThrow());
      assertThat(answer.answers()).hasSize(1);
      assertThat(dead.asked()).hasSize(1);
    }
  }

  @Test
  void otherNamesGoToTheHostResolverAndItsAnswerIsRelayed() throws Exception {
    try (FakeDnsServer host = new FakeDnsServer(q -> new DnsMessage(q.id(), DnsMessage.QR | DnsMessage.RA | DnsMessage.RD, q.questions(),
        List.of(new DnsRecord(q.questions().getFirst().name(), 1, 1, 60, new byte[] {93, (byte) 184, (byte) 216, 34})), List.of(),
        List.of()))) {
      DnsResponder r = new DnsResponder("weft.local", NAMES, Upstream.NONE, new UdpUpstream(List.of(host.address()), Duration.ofSeconds(2)));
      DnsMessage answer = decode(r.respond(query(77, "example.com", 1)).orElseThrow());
      assertThat(answer.id()).isEqualTo(77);
      assertThat(answer.answers().getFirst().rdata()).containsExactly(93, 184, 216, 34);
    }
  }

  @Test
  void silentUpstreamGivesServfailAndGarbageGivesFormerr() {
    assertThat(decode(responder.respond(query(8, "example.org", 1)).orElseThrow()).rcode()).isEqualTo(DnsMessage.RCODE_SERVFAIL);
    assertThat(forwarded).hasValue(1);
    byte[] junk = HexFormat.of().parseHex("1234010000010000000000000377");
    assertThat(decode(responder.respond(junk).orElseThrow()).rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
  }

  @Test
  void randomBytesNeverThrow() {
    Random rnd = new Random(7);
    byte[] base = BUSYBOX_QUERY;
    for (int i = 0; i < 5000; i++) {
      byte[] w = base.clone();
      for (int k = 0; k < 1 + rnd.nextInt(6); k++) w[rnd.nextInt(w.length)] = (byte) rnd.nextInt();
      responder.respond(java.util.Arrays.copyOf(w, rnd.nextInt(w.length + 1)));
    }
  }
}
