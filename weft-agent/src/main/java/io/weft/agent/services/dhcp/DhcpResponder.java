package io.weft.agent.services.dhcp;

import io.weft.agent.services.Ipv4s;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The vRouter's DHCP server for one port's request (RFC 2131 §4.3). The agent already knows
 * the port's one address, so there is no pool and no lease database: DISCOVER gets an OFFER
 * of that address, REQUEST for it an ACK, REQUEST for another address a NAK, INFORM an ACK
 * without a lease, RELEASE and DECLINE nothing. A REQUEST naming another server's
 * identifier is the client choosing that server (§4.3.2): silently ignored. A request whose
 * chaddr is not the port's MAC is ignored (the port sent it for someone else).
 *
 * <p>Stateless and thread-safe.
 */
public final class DhcpResponder {
  /** A reply and where it goes: broadcast when the client has no address yet (§4.1). */
  public record Reply(DhcpMessage message, int destination, boolean broadcast) {}

  public Optional<Reply> respond(DhcpMessage req, byte[] portMac, DhcpBinding b) {
    if (req.op() != DhcpMessage.BOOTREQUEST || !Arrays.equals(req.chaddr(), portMac)) return Optional.empty();
    int serverId = req.addressOption(DhcpOption.SERVER_IDENTIFIER);
    return switch (req.messageType()) {
      case DhcpOption.DHCPDISCOVER -> Optional.of(reply(req, b, DhcpOption.DHCPOFFER, true));
      case DhcpOption.DHCPREQUEST -> {
        if (serverId != 0 && serverId != b.serverId()) yield Optional.empty();
        int wanted = req.addressOption(DhcpOption.REQUESTED_IP_ADDRESS);
        if (wanted == 0) wanted = req.ciaddr(); // RENEWING / REBINDING: ciaddr holds the address (§4.3.2)
        yield Optional.of(wanted == b.address() ? reply(req, b, DhcpOption.DHCPACK, true) : nak(req, b));
      }
      case DhcpOption.DHCPINFORM -> Optional.of(reply(req, b, DhcpOption.DHCPACK, false));
      default -> Optional.empty();
    };
  }

  private static Reply reply(DhcpMessage req, DhcpBinding b, int type, boolean lease) {
    List<DhcpOption> o = new ArrayList<>();
    o.add(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, type));
    o.add(DhcpOption.ofAddresses(DhcpOption.SERVER_IDENTIFIER, b.serverId()));
    if (lease) {
      o.add(DhcpOption.ofInt(DhcpOption.IP_ADDRESS_LEASE_TIME, b.leaseSeconds()));
      o.add(DhcpOption.ofInt(DhcpOption.RENEWAL_TIME, b.leaseSeconds() / 2));
      o.add(DhcpOption.ofInt(DhcpOption.REBINDING_TIME, b.leaseSeconds() / 8 * 7));
    }
    int mask = Ipv4s.mask(b.prefixLength());
    o.add(DhcpOption.ofAddresses(DhcpOption.SUBNET_MASK, mask));
    o.add(DhcpOption.ofAddresses(DhcpOption.BROADCAST_ADDRESS, b.address() | ~mask));
    if (b.gateway() != 0) o.add(DhcpOption.ofAddresses(DhcpOption.ROUTER, b.gateway()));
    if (!b.dnsServers().isEmpty()) {
      o.add(DhcpOption.ofAddresses(DhcpOption.DOMAIN_NAME_SERVER, b.dnsServers().stream().mapToInt(Integer::intValue).toArray()));
    }
    if (b.hostName() != null && !b.hostName().isEmpty()) o.add(DhcpOption.ofText(DhcpOption.HOST_NAME, b.hostName()));
    if (b.domain() != null && !b.domain().isEmpty()) o.add(DhcpOption.ofText(DhcpOption.DOMAIN_NAME, b.domain()));
    if (b.mtu() > 0) o.add(DhcpOption.ofShort(DhcpOption.INTERFACE_MTU, b.mtu()));
    int yiaddr = lease ? b.address() : 0;
    DhcpMessage m = new DhcpMessage(DhcpMessage.BOOTREPLY, req.xid(), 0, req.flags(), req.ciaddr(), yiaddr, b.serverId(),
        req.giaddr(), req.chaddr(), o);
    return destination(req, m);
  }

  private static Reply nak(DhcpMessage req, DhcpBinding b) {
    List<DhcpOption> o = List.of(DhcpOption.ofByte(DhcpOption.MESSAGE_TYPE, DhcpOption.DHCPNAK),
        DhcpOption.ofAddresses(DhcpOption.SERVER_IDENTIFIER, b.serverId()));
    // §4.3.2: a NAK is broadcast, since the client's address is wrong.
    return new Reply(new DhcpMessage(DhcpMessage.BOOTREPLY, req.xid(), 0, req.flags(), 0, 0, 0, req.giaddr(), req.chaddr(), o),
        0xffffffff, true);
  }

  /** §4.1: to ciaddr when the client has one, else to the limited broadcast address. */
  private static Reply destination(DhcpMessage req, DhcpMessage m) {
    if (req.ciaddr() != 0) return new Reply(m, req.ciaddr(), false);
    return new Reply(m, 0xffffffff, true);
  }
}
