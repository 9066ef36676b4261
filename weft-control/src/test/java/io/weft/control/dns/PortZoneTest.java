package io.weft.control.dns;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.dns.DnsMessage;
import io.weft.dns.DnsName;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
import io.weft.model.derived.PortConfigSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The zone's answers without a socket: overlapping networks, truncation, other classes and opcodes, garbage. */
class PortZoneTest {
  final PortNames names = new PortNames();
  final PortZone zone = new PortZone("weft.local", names);

  static PortConfigSpec port(String name, String... addresses) {
    List<PortConfigSpec.Address> as = new ArrayList<>();
    for (String a : addresses) as.add(new PortConfigSpec.Address("p/net", a, 24, null, null));
    return new PortConfigSpec(name, null, List.of(), null, as, List.of(), List.of(), false, null, null, null, List.of());
  }

  DnsMessage ask(DnsMessage query) {
    return DnsMessage.decode(ByteBuffer.wrap(zone.respond(query.encode()).orElseThrow())).orThrow();
  }

  DnsMessage ask(String name, int type) {
    return ask(DnsMessage.query(3, new DnsQuestion(name, type, DnsMessage.CLASS_IN)));
  }

  @Test
  void anAddressHeldInTwoOverlappingNetworksNamesBothPorts() {
    names.put("finance", "web", port("web", "10.1.1.3"));
    names.put("hr", "web", port("web", "10.1.1.3"));
    assertThat(ask("3.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR).answers()).extracting(DnsRecord::rdata)
        .containsExactly(DnsName.toWire("web.finance.weft.local"), DnsName.toWire("web.hr.weft.local"));
    names.put("hr", "web", null);
    assertThat(ask("3.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR).answers()).hasSize(1);
    assertThat(ask("web.hr", DnsMessage.TYPE_A).rcode()).as("hr has no port left").isEqualTo(DnsMessage.RCODE_REFUSED);
    assertThat(ask("web.hr.weft.local", DnsMessage.TYPE_A).rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN);
  }

  @Test
  void anAnswerOver512OctetsIsTruncated() {
    String[] many = IntStream.range(1, 40).mapToObj(i -> "10.9.0." + i).toArray(String[]::new);
    names.put("finance", "big", port("big", many));
    DnsMessage r = ask("big.finance.weft.local", DnsMessage.TYPE_A);
    assertThat(r.flags() & DnsMessage.TC).isNotZero();
    assertThat(r.answers()).isEmpty();
  }

  @Test
  void theApexExistsOtherClassesAreRefusedOtherOpcodesNotImplemented() {
    assertThat(ask("weft.local", DnsMessage.TYPE_A).rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
    assertThat(ask(DnsMessage.query(4, new DnsQuestion("web.finance", DnsMessage.TYPE_A, 3))).rcode())
        .isEqualTo(DnsMessage.RCODE_REFUSED);
    DnsMessage status = new DnsMessage(5, 2 << 11, List.of(), List.of(), List.of(), List.of()); // opcode STATUS
    assertThat(ask(status).rcode()).isEqualTo(DnsMessage.RCODE_NOTIMP);
  }

  @Test
  void randomBytesGetFormerrOrNothingNeverAnException() {
    names.put("finance", "web", port("web", "10.1.1.3"));
    Random rnd = new Random(11);
    byte[] base = DnsMessage.query(9, new DnsQuestion("web.finance", DnsMessage.TYPE_A, DnsMessage.CLASS_IN)).encode();
    for (int i = 0; i < 20_000; i++) {
      byte[] w = base.clone();
      for (int k = 0; k < 1 + rnd.nextInt(6); k++) w[rnd.nextInt(w.length)] = (byte) rnd.nextInt();
      zone.respond(java.util.Arrays.copyOf(w, rnd.nextInt(w.length + 1)));
    }
  }
}
