package io.weft.control.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.control.ControlNode;
import io.weft.control.config.Vrfs;
import io.weft.control.sim.SimAgent;
import io.weft.xmpp.session.ChannelConfig;
import io.weft.xmpp.stream.StreamLimits;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed or oversized XMPP input closes only the offending session, with a log line saying why. */
class BadInputTest {
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String VRF = Vrfs.name("bad", "n");
  static final String HEADER = "<?xml version='1.0'?><stream:stream from='%s' to='network-control@contrailsystems.com'"
      + " version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

  static Stream<Arguments> badInputs() {
    return Stream.of(
        Arguments.of("malformed", "<iq type='set'><pubsub><<publish/></pubsub></iq>", "not-well-formed"),
        Arguments.of("oversized", "<iq type='set' id='" + "x".repeat(10_000) + "'/>", "policy-violation"),
        Arguments.of("too deep", "<a>".repeat(64), "policy-violation"),
        Arguments.of("doctype", "<!DOCTYPE foo [<!ENTITY x 'y'>]>", "restricted-xml"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badInputs")
  void closesOnlyThatSession(String what, String garbage, String condition) throws Exception {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream originalErr = System.err;
    System.setErr(new PrintStream(new TeeStream(originalErr, captured), true, StandardCharsets.UTF_8));
    try (ConfigFixture config = new ConfigFixture();
         ControlNode node = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1)
             .withChannel(ChannelConfig.DEFAULT.withLimits(new StreamLimits(8192, 32))))) {
      InetSocketAddress addr = new InetSocketAddress("127.0.0.1", node.xmppPort());
      try (SimAgent good = new SimAgent("good-1", "10.0.0.1", List.of(new SimAgent.Port(VRF, "10.9.0.1/32", 16)), List.of(addr),
          ChannelConfig.DEFAULT, false, Duration.ofMillis(100))) {
        good.start();
        Eventually.within(WAIT, () -> assertThat(good.routes()).containsKey(VRF));

        try (Socket bad = new Socket("127.0.0.1", node.xmppPort())) {
          bad.setSoTimeout(10_000);
          OutputStream out = bad.getOutputStream();
          out.write(HEADER.formatted("bad-1").getBytes(StandardCharsets.UTF_8));
          out.flush();
          InputStream in = bad.getInputStream();
          Eventually.within(WAIT, () -> assertThat(node.sessions().sessionCount()).isEqualTo(2));
          out.write(garbage.getBytes(StandardCharsets.UTF_8));
          out.flush();
          String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
          assertThat(answer).as(what).contains(condition).endsWith("</stream:stream>");
        }
        Eventually.within(WAIT, () -> assertThat(node.sessions().status())
            .filteredOn(s -> s.host().equals("bad-1")).singleElement()
            .satisfies(s -> assertThat(s.up()).isFalse())
            .satisfies(s -> assertThat(s.lastCloseReason()).startsWith("FRAMING_ERROR")));
        Eventually.within(WAIT, () -> assertThat(captured.toString(StandardCharsets.UTF_8))
            .containsPattern("XMPP session SERVER bad-1 .* closing: .*")
            .contains("XMPP agent bad-1 down (FRAMING_ERROR"));

        // The good session is untouched and still routes.
        good.addPort(new SimAgent.Port(VRF, "10.9.0.2/32", 17));
        Eventually.within(WAIT, () -> assertThat(good.routes().get(VRF)).contains("10.9.0.1/32", "10.9.0.2/32"));
        assertThat(good.connected(0)).isTrue();
      }
    } finally {
      System.setErr(originalErr);
    }
  }

  @Test
  void aStuckAgentIsDisconnectedWithoutDelayingOthers() throws Exception {
    try (ConfigFixture config = new ConfigFixture();
         ControlNode node = ControlNode.start(ControlNode.Settings.defaults(config.url).withPorts("127.0.0.1", 0, -1)
             .withQueueBound(2000))) {
      InetSocketAddress addr = new InetSocketAddress("127.0.0.1", node.xmppPort());
      // The stuck agent subscribes and then never reads: its TCP window fills, its queue grows.
      Socket stuck = new Socket();
      stuck.setReceiveBufferSize(4096); // before connecting, so the advertised window stays small
      stuck.connect(addr);
      OutputStream out = stuck.getOutputStream();
      out.write((HEADER.formatted("stuck-1") + "<iq type='set' from='stuck-1' to='network-control@contrailsystems.com/bgp-peer' id='s1'>"
          + "<pubsub xmlns='http://jabber.org/protocol/pubsub'><subscribe node='" + VRF + "'/></pubsub></iq>").getBytes(StandardCharsets.UTF_8));
      out.flush();
      Eventually.within(WAIT, () -> assertThat(node.sessions().status()).anyMatch(s -> s.host().equals("stuck-1")
          && s.subscriptions().contains(VRF)));
      try (SimAgent a = new SimAgent("busy-1", "10.0.0.2", List.of(), List.of(addr), ChannelConfig.DEFAULT, false, Duration.ofMillis(100));
           SimAgent b = new SimAgent("busy-2", "10.0.0.3", List.of(new SimAgent.Port(VRF, "10.8.0.0/32", 16)), List.of(addr),
               ChannelConfig.DEFAULT, false, Duration.ofMillis(100))) {
        a.start();
        b.start();
        // 12,000 routes (about 6 MB of stanzas, more than the kernel's 4 MB send-buffer ceiling) in rounds
        // of 100: agents that read keep their queues short, the stuck one's sender blocks and its queue
        // passes 2,000.
        int n = 12_000;
        for (int i = 1; i <= n; i++) {
          a.addPort(new SimAgent.Port(VRF, "10." + (100 + i / 62500) + "." + (i / 250 % 250) + "." + (i % 250) + "/32", 16 + i));
          if (i % 100 == 0) Thread.sleep(20);
        }
        Eventually.within(WAIT, () -> assertThat(b.count(VRF)).isEqualTo(n + 1));
        assertThat(a.count(VRF)).isEqualTo(n + 1);
        Eventually.within(WAIT, () -> assertThat(node.sessions().status()).filteredOn(s -> s.host().equals("stuck-1"))
            .singleElement().satisfies(s -> assertThat(s.up()).isFalse()));
        assertThat(b.connected(0)).isTrue();
      } finally {
        stuck.close();
      }
    }
  }

  /** Writes to two streams. */
  static final class TeeStream extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    TeeStream(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public synchronized void write(int x) throws java.io.IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
