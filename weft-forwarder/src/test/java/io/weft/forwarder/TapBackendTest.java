package io.weft.forwarder;

import static org.assertj.core.api.Assertions.assertThat;

import io.weft.forwarder.packet.Arp;
import io.weft.forwarder.packet.Ethernet;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.port.TapBackend;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A TAP created through FFM, moved into a namespace this test creates: the kernel's ARP
 * request reaches the forwarder (trapped to the agent), and the ARP reply written back
 * becomes the kernel's neighbour entry for the gateway.
 */
class TapBackendTest {

  @Test
  void kernelArpReachesTheForwarderAndTheReplyReachesTheKernel() throws Exception {
    Root.require("TAP devices and network namespaces");
    long pid = ProcessHandle.current().pid();
    String ns = "wftap" + pid;
    String tap = "wft" + (pid % 100_000);
    BlockingQueue<TrappedPacket> traps = new LinkedBlockingQueue<>();
    MacAddress podMac = MacAddress.parse("02:00:00:00:00:aa");
    try (Forwarder fw = Forwarder.start(ForwarderConfig.defaults())) {
      fw.setAgentListener(new AgentListener() {
        @Override
        public void onFlowMiss(FlowMiss miss) {}

        @Override
        public void onTrappedPacket(TrappedPacket packet) {
          traps.add(packet);
        }
      });
      TapBackend backend = TapBackend.open(tap, false);
      fw.addVrf("red");
      fw.addPort(new PortSpec(tap, podMac, "red", List.of(InetAddress.ofLiteral("10.77.0.2")), false), backend);
      sh("ip", "netns", "add", ns);
      sh("ip", "link", "set", tap, "netns", ns);
      sh("ip", "-n", ns, "link", "set", tap, "address", podMac.toString(), "up");
      sh("ip", "-n", ns, "addr", "add", "10.77.0.2/24", "dev", tap);
      sh("ip", "netns", "exec", ns, "bash", "-c", "echo x > /dev/udp/10.77.0.1/9 || true");

      TrappedPacket t = null;
      for (int i = 0; i < 50 && t == null; i++) {
        TrappedPacket p = traps.poll(100, TimeUnit.MILLISECONDS);
        if (p != null && p.reason() == TrapReason.ARP) t = p;
      }
      assertThat(t).as("ARP request from the namespace's kernel").isNotNull();
      Ethernet eth = Ethernet.decode(ByteBuffer.wrap(t.frame())).orElseThrow();
      Arp req = Arp.decode(ByteBuffer.wrap(eth.payload())).orElseThrow();
      assertThat(req.targetProtocol()).isEqualTo((Inet4Address) InetAddress.ofLiteral("10.77.0.1"));
      assertThat(req.senderHardware()).isEqualTo(podMac);

      fw.sendToPort(tap, Ethernet.untagged(podMac, MacAddress.GATEWAY, Ethernet.ETHERTYPE_ARP,
          req.replyWith(MacAddress.GATEWAY).encode()).encode());
      String neigh = "";
      for (int i = 0; i < 50 && !neigh.contains("00:00:5e:00:01:00"); i++) {
        Thread.sleep(50);
        neigh = sh("ip", "-n", ns, "neigh", "show", "10.77.0.1");
      }
      assertThat(neigh).contains("00:00:5e:00:01:00");
      assertThat(fw.portCounters(tap).orElseThrow().rxPackets()).isPositive();
    } finally {
      run("ip", "netns", "del", ns);
    }
  }

  /** close() wakes a reader waiting in poll() at once: a port's removal (CNI DEL) no longer waits out a poll timeout or a sleep. */
  @Test
  void closeWakesAReaderWaitingInPoll() throws Exception {
    Root.require("TAP devices");
    TapBackend tap = TapBackend.open("wfc" + (ProcessHandle.current().pid() % 100_000), false);
    BlockingQueue<Integer> got = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().start(() -> {
      try {
        got.add(tap.receive(ByteBuffer.allocateDirect(2048), 60_000));
      } catch (IOException e) {
        got.add(-2);
      }
    });
    Thread.sleep(100); // the reader is in poll() by now (nothing writes to this TAP)
    Thread closer = Thread.ofPlatform().start(tap::close);
    assertThat(got.poll(10, TimeUnit.SECONDS)).as("receive() after close()").isEqualTo(-1);
    closer.join(10_000);
    assertThat(closer.isAlive()).as("close() still waiting for the reader").isFalse();
    reader.join();
  }

  static String sh(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + ": " + out);
    return out;
  }

  static void run(String... cmd) {
    try {
      new ProcessBuilder(cmd).redirectErrorStream(true).start().waitFor();
    } catch (IOException | InterruptedException e) {
      // cleanup is best effort
    }
  }
}
