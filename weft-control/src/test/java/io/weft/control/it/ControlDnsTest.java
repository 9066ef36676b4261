package io.weft.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import io.weft.dns.DnsMessage;
import io.weft.dns.DnsName;
import io.weft.dns.DnsQuestion;
import io.weft.dns.DnsRecord;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The control node's DNS server over a real UDP socket on 127.0.0.1, answering from the ports
 * a real config role compiled: A/AAAA/PTR for ports, NXDOMAIN in the zone, REFUSED outside,
 * FORMERR for garbage, and a deleted port stops resolving.
 */
class ControlDnsTest {
  static final Duration WAIT = Duration.ofSeconds(15);

  ConfigFixture config;
  ControlNode node;
  DatagramSocket client;

  @BeforeEach
  void start() throws Exception {
    config = new ConfigFixture();
    config.create("/api/v1/projects", "{apiVersion: weft/v1, kind: Project, metadata: {name: demo}, spec: {}}");
    config.create("/api/v1/virtualrouters",
        "{apiVersion: weft/v1, kind: VirtualRouter, metadata: {name: compute-1}, spec: {address: 10.0.0.1}}");
    config.create("/api/v1/projects/demo/virtualnetworks", "{apiVersion: weft/v1, kind: VirtualNetwork, metadata: {name: red,"
        + " project: demo}, spec: {subnets: [{cidr: 10.1.1.0/24}, {cidr: 'fd00:1::/64'}]}}");
    config.create("/api/v1/projects/demo/virtualmachineinterfaces", "{apiVersion: weft/v1, kind: VirtualMachineInterface,"
        + " metadata: {name: web-1, project: demo}, spec: {network: red, virtualRouter: compute-1}}");
    config.create("/api/v1/projects/demo/instanceips", "{apiVersion: weft/v1, kind: InstanceIp, metadata: {name: web-1-v4,"
        + " project: demo}, spec: {network: red, port: web-1, address: 10.1.1.10}}");
    config.create("/api/v1/projects/demo/instanceips", "{apiVersion: weft/v1, kind: InstanceIp, metadata: {name: web-1-v6,"
        + " project: demo}, spec: {network: red, port: web-1, address: 'fd00:1::10', family: v6}}");
    node = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1).withDns(freeUdpPort(), "weft.local"));
    client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
    client.setSoTimeout(2000);
    Eventually.within(WAIT, () -> assertThat(ask("web-1.demo", DnsMessage.TYPE_AAAA).answers()).hasSize(1));
  }

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (node != null) node.close();
    if (config != null) config.close();
  }

  /** A UDP port free on 127.0.0.1 now (DNS port 0 means off, so the test picks one). */
  static int freeUdpPort() throws IOException {
    try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
      return s.getLocalPort();
    }
  }

  byte[] exchange(byte[] query) {
    try {
      client.send(new DatagramPacket(query, query.length, new InetSocketAddress("127.0.0.1", node.dnsPort())));
      byte[] buf = new byte[1024];
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      client.receive(p);
      return Arrays.copyOf(buf, p.getLength());
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  DnsMessage ask(String name, int type) {
    byte[] wire = exchange(DnsMessage.query(42, new DnsQuestion(name, type, DnsMessage.CLASS_IN)).encode());
    assertThat(wire).as("an answer to " + name).isNotNull();
    DnsMessage r = DnsMessage.decode(ByteBuffer.wrap(wire)).orThrow();
    assertThat(r.id()).isEqualTo(42);
    assertThat(r.isResponse()).isTrue();
    return r;
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "web-1.demo, 1, 10.1.1.10",
      "web-1.demo.weft.local, 1, 10.1.1.10",
      "WEB-1.Demo.Weft.Local, 1, 10.1.1.10",
      "web-1.demo, 28, fd00:1::10",
      "web-1.demo.weft.local, 28, fd00:1::10"})
  void portNamesResolveToTheirAddressesAuthoritatively(String name, int type, String address) throws Exception {
    DnsMessage r = ask(name, type);
    assertThat(r.rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
    assertThat(r.flags() & DnsMessage.AA).isNotZero();
    assertThat(r.questions()).containsExactly(new DnsQuestion(name, type, DnsMessage.CLASS_IN));
    assertThat(r.answers()).containsExactly(new DnsRecord(name, type, DnsMessage.CLASS_IN, 30, InetAddress.ofLiteral(address).getAddress()));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"10.1.1.10.in-addr.arpa", "0.1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0.0.0.d.f.ip6.arpa"})
  void portAddressesResolveBackToTheirNames(String reverse) {
    DnsMessage r = ask(reverse, DnsMessage.TYPE_PTR);
    assertThat(r.rcode()).isEqualTo(DnsMessage.RCODE_NOERROR);
    assertThat(r.answers()).extracting(DnsRecord::rdata).containsExactly(DnsName.toWire("web-1.demo.weft.local"));
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
      "nope.demo, 1, 3",
      "nope.demo.weft.local, 1, 3",
      "web-1.other.weft.local, 1, 3",
      "a.web-1.demo.weft.local, 1, 3",
      "web-1.demo, 15, 0",
      "example.com, 1, 5",
      "www.example.com, 1, 5",
      "web-1.other, 1, 5",
      "8.8.8.8.in-addr.arpa, 12, 5"})
  void namesOutsideThePortsAreNxdomainInTheZoneAndRefusedOutsideIt(String name, int type, int rcode) {
    DnsMessage r = ask(name, type);
    assertThat(r.rcode()).isEqualTo(rcode);
    assertThat(r.answers()).isEmpty();
    assertThat(r.flags() & DnsMessage.RA).as("no recursion offered").isZero();
  }

  @Test
  void malformedQueriesGetFormerrAndTheServerKeepsAnswering() {
    byte[] truncatedName = HexFormat.of().parseHex("1234010000010000000000000377");
    DnsMessage r = DnsMessage.decode(ByteBuffer.wrap(exchange(truncatedName))).orThrow();
    assertThat(r.id()).isEqualTo(0x1234);
    assertThat(r.rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
    byte[] twoQuestions = new DnsMessage(7, 0, List.of(new DnsQuestion("a.demo", 1, 1), new DnsQuestion("b.demo", 1, 1)), List.of(),
        List.of(), List.of()).encode();
    assertThat(DnsMessage.decode(ByteBuffer.wrap(exchange(twoQuestions))).orThrow().rcode()).isEqualTo(DnsMessage.RCODE_FORMERR);
    byte[] aResponse = DnsMessage.query(8, new DnsQuestion("web-1.demo", 1, 1)).reply(0, 0, List.of()).encode();
    assertThat(exchange(aResponse)).as("a response is never answered").isNull();
    assertThat(exchange(new byte[] {1, 2, 3})).as("a runt is never answered").isNull();
    assertThat(ask("web-1.demo", DnsMessage.TYPE_A).answers()).hasSize(1);
  }

  @Test
  void aDeletedPortStopsResolving() throws Exception {
    config.delete("/api/v1/projects/demo/instanceips/web-1-v4");
    config.delete("/api/v1/projects/demo/instanceips/web-1-v6");
    config.delete("/api/v1/projects/demo/virtualmachineinterfaces/web-1");
    Eventually.within(WAIT, () -> assertThat(ask("web-1.demo.weft.local", DnsMessage.TYPE_A).rcode()).isEqualTo(DnsMessage.RCODE_NXDOMAIN));
    assertThat(ask("10.1.1.10.in-addr.arpa", DnsMessage.TYPE_PTR).rcode()).isEqualTo(DnsMessage.RCODE_REFUSED);
  }
}
