package io.weft.agent.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.agent.services.dhcp.DhcpBinding;
import io.weft.agent.services.dhcp.DhcpMessage;
import io.weft.agent.services.dhcp.DhcpOption;
import io.weft.agent.services.dhcp.DhcpResponder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DhcpTest {
  static final byte[] MAC = HexFormat.of().parseHex("862be8f74820");
  static final DhcpBinding BINDING = new DhcpBinding(Ipv4s.parse("10.1.1.3"), 24, Ipv4s.parse("10.1.1.1"),
      Ipv4s.parse("10.1.1.1"), List.of(Ipv4s.parse("10.1.1.2")), "weft.local", 1450, 3600, "web");
  final DhcpResponder responder = new DhcpResponder();

  @Test
  void decodesDhclientDiscoverAndEncodesItBack() {
    byte[] wire = Vectors.load("dhcp-discover-dhclient.hex");
    DhcpMessage m = DhcpMessage.decode(ByteBuffer.wrap(wire)).orThrow();
    assertThat(m.op()).isEqualTo(DhcpMessage.BOOTREQUEST);
    assertThat(m.xid()).isEqualTo(0x80d82467);
    assertThat(m.chaddr()).isEqualTo(MAC);
    assertThat(m.messageType()).isEqualTo(DhcpOption.DHCPDISCOVER);
    assertThat(new String(m.option(DhcpOption.HOST_NAME))).isEqualTo("vm");
    assertThat(m.option(DhcpOption.PARAMETER_REQUEST_LIST)).hasSize(13);
    assertThat(m.encode()).isEqualTo(wire);
  }

  @Test
  void offerCarriesAddressMaskRouterDnsDomainMtuAndLease() {
    DhcpMessage discover = DhcpMessage.decode(ByteBuffer.wrap(Vectors.load("dhcp-discover-dhclient.hex"))).orThrow();
    DhcpResponder.Reply r = responder.respond(discover, MAC, BINDING).orElseThrow();
    byte[] wire = r.message().encode();
    assertThat(wire).hasSize(240 + 73);
    DhcpMessage offer = DhcpMessage.decode(ByteBuffer.wrap(wire)).orThrow();
    assertThat(offer.op()).isEqualTo(DhcpMessage.BOOTREPLY);
    assertThat(offer.xid()).isEqualTo(discover.xid());
    assertThat(Ipv4s.format(offer.yiaddr())).isEqualTo("10.1.1.3");
    assertThat(Ipv4s.format(offer.siaddr())).isEqualTo("10.1.1.1");
    assertThat(offer.messageType()).isEqualTo(DhcpOption.DHCPOFFER);
    assertThat(Ipv4s.format(offer.addressOption(DhcpOption.SUBNET_MASK))).isEqualTo("255.255.255.0");
    assertThat(Ipv4s.format(offer.addressOption(DhcpOption.ROUTER))).isEqualTo("10.1.1.1");
    assertThat(Ipv4s.format(offer.addressOption(DhcpOption.DOMAIN_NAME_SERVER))).isEqualTo("10.1.1.2");
    assertThat(Ipv4s.format(offer.addressOption(DhcpOption.SERVER_IDENTIFIER))).isEqualTo("10.1.1.1");
    assertThat(new String(offer.option(DhcpOption.DOMAIN_NAME))).isEqualTo("weft.local");
    assertThat(offer.option(DhcpOption.INTERFACE_MTU)).containsExactly(0x05, (byte) 0xaa);
    assertThat(offer.option(DhcpOption.IP_ADDRESS_LEASE_TIME)).containsExactly(0, 0, 0x0e, 0x10);
    assertThat(r.broadcast()).isTrue();
    // Byte-level: the options section exactly as RFC 2132 lays it out.
    byte[] options = Arrays.copyOfRange(wire, 240, 240 + 73);
    assertThat(HexFormat.of().formatHex(options)).isEqualTo(
        "350102" + "36040a010101" + "330400000e10" + "3a0400000708" + "3b0400000c4e" + "0104ffffff00" + "1c040a0101ff"
            + "03040a010101" + "06040a010102" + "0c03776562" + "0f0a776566742e6c6f63616c" + "1a0205aa" + "ff");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "request for the port's address, 10.1.1.3, 10.1.1.1, ACK",
      "request without server id (INIT-REBOOT), 10.1.1.3, , ACK",
      "request for another address, 10.1.1.9, 10.1.1.1, NAK",
      "request naming another server, 10.1.1.3, 10.9.9.9, NONE"})
  void requests(String name, String requested, String server, String expected) {
    List<DhcpOption> o = new ArrayList<>();
    o.add(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DHCPREQUEST));
    o.add(DhcpOption.ofAddresses(DhcpOption.REQUESTED_IP_ADDRESS, Ipv4s.parse(requested)));
    if (server != null) o.add(DhcpOption.ofAddresses(DhcpOption.SERVER_IDENTIFIER, Ipv4s.parse(server)));
    DhcpMessage req = new DhcpMessage(DhcpMessage.BOOTREQUEST, 7, 0, 0, 0, 0, 0, 0, MAC, o);
    var reply = responder.respond(req, MAC, BINDING);
    switch (expected) {
      case "ACK" -> {
        assertThat(reply.orElseThrow().message().messageType()).isEqualTo(DhcpOption.DHCPACK);
        assertThat(Ipv4s.format(reply.get().message().yiaddr())).isEqualTo("10.1.1.3");
      }
      case "NAK" -> {
        assertThat(reply.orElseThrow().message().messageType()).isEqualTo(DhcpOption.DHCPNAK);
        assertThat(reply.get().message().yiaddr()).isZero();
      }
      default -> assertThat(reply).isEmpty();
    }
  }

  @Test
  void renewalIsAnsweredToCiaddrAndInformGetsNoLease() {
    DhcpMessage renew = new DhcpMessage(DhcpMessage.BOOTREQUEST, 9, 0, 0, Ipv4s.parse("10.1.1.3"), 0, 0, 0, MAC,
        List.of(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DHCPREQUEST)));
    var ack = responder.respond(renew, MAC, BINDING).orElseThrow();
    assertThat(ack.broadcast()).isFalse();
    assertThat(Ipv4s.format(ack.destination())).isEqualTo("10.1.1.3");
    DhcpMessage inform = new DhcpMessage(DhcpMessage.BOOTREQUEST, 10, 0, 0, Ipv4s.parse("10.1.1.3"), 0, 0, 0, MAC,
        List.of(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DHCPINFORM)));
    DhcpMessage m = responder.respond(inform, MAC, BINDING).orElseThrow().message();
    assertThat(m.yiaddr()).isZero();
    assertThat(m.option(DhcpOption.IP_ADDRESS_LEASE_TIME)).isNull();
  }

  @Test
  void ignoresOtherMacsReleaseAndReplies() {
    DhcpMessage discover = DhcpMessage.decode(ByteBuffer.wrap(Vectors.load("dhcp-discover-dhclient.hex"))).orThrow();
    assertThat(responder.respond(discover, HexFormat.of().parseHex("020000000001"), BINDING)).isEmpty();
    DhcpMessage release = new DhcpMessage(DhcpMessage.BOOTREQUEST, 1, 0, 0, 0, 0, 0, 0, MAC,
        List.of(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DHCPRELEASE)));
    assertThat(responder.respond(release, MAC, BINDING)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "too short, 239, , length",
      "bad cookie, 300, 236=00, magic cookie",
      "bad op, 300, 0=07, op",
      "option runs past end, 300, 240=0c;241=ff, option 12",
      "no END, 241, 240=00, options"})
  void malformedMessagesAreValues(String name, int length, String patches, String field) {
    byte[] wire = Arrays.copyOf(Vectors.load("dhcp-discover-dhclient.hex"), length);
    if (patches != null) {
      for (String p : patches.split(";")) {
        String[] kv = p.split("=");
        wire[Integer.parseInt(kv[0])] = (byte) Integer.parseInt(kv[1], 16);
      }
    }
    Parsed<DhcpMessage> r = DhcpMessage.decode(ByteBuffer.wrap(wire));
    assertThat(r).isInstanceOfSatisfying(Parsed.Failed.class, f -> assertThat(f.field()).startsWith(field));
  }

  @Test
  void randomBytesNeverThrow() {
    Random rnd = new Random(42);
    byte[] base = Vectors.load("dhcp-discover-dhclient.hex");
    for (int i = 0; i < 5000; i++) {
      byte[] w = base.clone();
      for (int k = 0; k < 1 + rnd.nextInt(8); k++) w[240 + rnd.nextInt(w.length - 240)] = (byte) rnd.nextInt();
      DhcpMessage.decode(ByteBuffer.wrap(w, 0, rnd.nextInt(w.length + 1)));
    }
  }
}
