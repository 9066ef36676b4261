package io.weft.agent.dataplane;

import io.weft.agent.Agent;
import io.weft.agent.oper.LocalPort;
import io.weft.agent.services.Ipv4s;
import io.weft.agent.services.Parsed;
import io.weft.agent.services.arp.ArpDecision;
import io.weft.agent.services.arp.ArpProxy;
import io.weft.agent.services.arp.ArpView;
import io.weft.agent.services.dhcp.DhcpBinding;
import io.weft.agent.services.dhcp.DhcpMessage;
import io.weft.agent.services.dhcp.DhcpResponder;
import io.weft.agent.services.dns.DnsResponder;
import io.weft.forwarder.TrappedPacket;
import io.weft.forwarder.packet.Arp;
import io.weft.forwarder.packet.Decoded;
import io.weft.forwarder.packet.Ethernet;
import io.weft.forwarder.packet.Icmp;
import io.weft.forwarder.packet.Ipv4;
import io.weft.forwarder.packet.MacAddress;
import io.weft.forwarder.packet.Udp;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * The agent's answers to frames the forwarder traps (tungsten-fabric.md §5 "ARP proxy",
 * "DHCP", "DNS"): ARP requests go to the {@link ArpProxy} and are answered or dropped, never
 * flooded; DHCP requests to the {@link DhcpResponder} with the port's binding; DNS queries
 * and ICMP echo addressed to a VRF's service address (gateway, DNS server) to the
 * {@link DnsResponder} and an echo reply. Answers leave through {@code send(port, frame)}.
 *
 * <p>Runs on the forwarder's agent-dispatch thread, except DNS, which may wait on the host's
 * resolvers and so runs on a virtual thread per query.
 */
final class PacketServices {
  private static final MacAddress GATEWAY = MacAddress.GATEWAY;
  private static final Inet4Address BROADCAST = Ipv4s.toInet(0xffffffff);

  private final Agent agent;
  private final ArpProxy arp = new ArpProxy();
  private final DhcpResponder dhcp = new DhcpResponder();
  private final DnsResponder dns;
  private final BiConsumer<String, byte[]> send;
  private final ServiceAddresses services;
  final LongAdder arpAnswered = new LongAdder();
  final LongAdder arpDropped = new LongAdder();
  final LongAdder dhcpAnswered = new LongAdder();
  final LongAdder dnsAnswered = new LongAdder();

  /** The gateway and DNS addresses of a VRF's subnets, which the vRouter itself answers. */
  interface ServiceAddresses {
    boolean contains(String vrf, String address);
  }

  PacketServices(Agent agent, DnsResponder dns, ServiceAddresses services, BiConsumer<String, byte[]> send) {
    this.agent = agent;
    this.dns = dns;
    this.services = services;
    this.send = send;
  }

  void handle(TrappedPacket t) {
    Decoded<Ethernet> d = Ethernet.decode(ByteBuffer.wrap(t.frame()));
    if (!(d instanceof Decoded.Ok<Ethernet>(Ethernet eth))) return;
    switch (t.reason()) {
      case ARP -> arp(t, eth);
      case DHCP -> dhcp(t, eth);
      case RECEIVE -> receive(t, eth);
      default -> { } // IPv6 neighbour discovery: not answered yet
    }
  }

  private void arp(TrappedPacket t, Ethernet eth) {
    if (!(Arp.decode(ByteBuffer.wrap(eth.payload())) instanceof Decoded.Ok<Arp>(Arp req)) || req.operation() != Arp.REQUEST) return;
    LocalPort port = portOf(t.port());
    boolean noArpProxy = false;
    ArpDecision decision = arp.decide(view(t.vrf()), req.senderProtocol().getHostAddress(), req.targetProtocol().getHostAddress(),
        noArpProxy);
    if (!(decision instanceof ArpDecision.Proxy(String mac, String why)) || port == null) {
      arpDropped.increment();
      return;
    }
    MacAddress answer = MacAddress.parse(mac);
    Arp reply = new Arp(Arp.REPLY, answer, req.targetProtocol(), req.senderHardware(), req.senderProtocol());
    send.accept(t.port(), Ethernet.untagged(req.senderHardware(), answer, Ethernet.ETHERTYPE_ARP, reply.encode()).encode());
    arpAnswered.increment();
  }

  private ArpView view(String vrf) {
    return new ArpView() {
      @Override
      public boolean isServiceAddress(String address) {
        return services.contains(vrf, address);
      }

      @Override
      public String macOf(String address) {
        // Local endpoints are switched (L2) to their own MAC; remote ones are routed through the
        // gateway MAC, since the per-port MPLS label carries an IP payload.
        LocalPort p = agent.ports().byAddress(address);
        return p != null && p.ready() && vrf.equals(Agent.vrfOf(p.config())) ? p.config().macAddress() : null;
      }

      @Override
      public boolean hasRoute(String address) {
        return agent.vrfs().lookupHost(vrf, address) != null;
      }

      @Override
      public boolean floodUnknown() {
        return false;
      }
    };
  }

  private void dhcp(TrappedPacket t, Ethernet eth) {
    LocalPort port = portOf(t.port());
    if (port == null || !port.ready()) return;
    DhcpBinding b = agent.dhcpBinding(port);
    if (b == null) return;
    Optional<Udp> udp = udp(eth);
    if (udp.isEmpty()) return;
    if (!(DhcpMessage.decode(ByteBuffer.wrap(udp.get().payload())) instanceof Parsed.Ok<DhcpMessage>(DhcpMessage req))) return;
    byte[] mac = MacAddress.parse(port.config().macAddress()).toBytes();
    dhcp.respond(req, mac, b).ifPresent(reply -> {
      Inet4Address src = Ipv4s.toInet(b.serverId());
      Inet4Address dst = reply.broadcast() ? BROADCAST : Ipv4s.toInet(reply.destination());
      byte[] payload = new Udp(DhcpMessage.SERVER_PORT, DhcpMessage.CLIENT_PORT, reply.message().encode()).encode(src, dst);
      MacAddress to = reply.broadcast() ? MacAddress.BROADCAST : MacAddress.of(mac);
      byte[] ip = Ipv4.of(Ipv4.PROTO_UDP, src, dst, payload).encode();
      send.accept(t.port(), Ethernet.untagged(to, GATEWAY, Ethernet.ETHERTYPE_IPV4, ip).encode());
      dhcpAnswered.increment();
    });
  }

  /** A packet routed to a service address: DNS on UDP 53 and ICMP echo are answered. */
  private void receive(TrappedPacket t, Ethernet eth) {
    if (eth.etherType() != Ethernet.ETHERTYPE_IPV4) return;
    if (!(Ipv4.decode(ByteBuffer.wrap(eth.payload())) instanceof Decoded.Ok<Ipv4>(Ipv4 ip))) return;
    if (!services.contains(t.vrf(), ip.destination().getHostAddress())) return;
    LocalPort port = agent.ports().byAddress(ip.source().getHostAddress());
    if (port == null || !port.ready()) return;
    String tap = port.hostIfName();
    MacAddress to = MacAddress.parse(port.config().macAddress());
    if (ip.protocol() == Ipv4.PROTO_ICMP) {
      if (!(Icmp.decode(ByteBuffer.wrap(ip.payload())) instanceof Decoded.Ok<Icmp>(Icmp echo)) || echo.type() != Icmp.ECHO_REQUEST) return;
      byte[] reply = new Icmp(Icmp.ECHO_REPLY, 0, echo.rest(), echo.data()).encode();
      send.accept(tap, Ethernet.untagged(to, GATEWAY, Ethernet.ETHERTYPE_IPV4,
          Ipv4.of(Ipv4.PROTO_ICMP, ip.destination(), ip.source(), reply).encode()).encode());
      return;
    }
    if (ip.protocol() != Ipv4.PROTO_UDP) return;
    if (!(Udp.decode(ByteBuffer.wrap(ip.payload()), ip.source(), ip.destination()) instanceof Decoded.Ok<Udp>(Udp q))
        || q.destinationPort() != 53) return;
    Thread.ofVirtual().name("dns-" + tap).start(() -> dns.respond(q.payload()).ifPresent(answer -> {
      byte[] udp = new Udp(53, q.sourcePort(), answer).encode(ip.destination(), ip.source());
      send.accept(tap, Ethernet.untagged(to, GATEWAY, Ethernet.ETHERTYPE_IPV4,
          Ipv4.of(Ipv4.PROTO_UDP, ip.destination(), ip.source(), udp).encode()).encode());
      dnsAnswered.increment();
    }));
  }

  private static Optional<Udp> udp(Ethernet eth) {
    if (eth.etherType() != Ethernet.ETHERTYPE_IPV4) return Optional.empty();
    if (!(Ipv4.decode(ByteBuffer.wrap(eth.payload())) instanceof Decoded.Ok<Ipv4>(Ipv4 ip)) || ip.protocol() != Ipv4.PROTO_UDP) {
      return Optional.empty();
    }
    return Udp.decode(ByteBuffer.wrap(ip.payload()), ip.source(), ip.destination()) instanceof Decoded.Ok<Udp>(Udp u)
        ? Optional.of(u) : Optional.empty();
  }

  private LocalPort portOf(String tap) {
    for (LocalPort p : agent.ports().all()) if (p.hostIfName().equals(tap)) return p;
    return null;
  }
}
