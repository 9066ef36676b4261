package io.weft.agent.services.dhcp;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** One DHCP option (RFC 2132): a code and its value octets. Constants use the RFC's names. */
public record DhcpOption(int code, byte[] value) {
  public static final int PAD = 0;
  public static final int SUBNET_MASK = 1;
  public static final int ROUTER = 3;
  public static final int DOMAIN_NAME_SERVER = 6;
  public static final int HOST_NAME = 12;
  public static final int DOMAIN_NAME = 15;
  public static final int INTERFACE_MTU = 26;
  public static final int BROADCAST_ADDRESS = 28;
  public static final int REQUESTED_IP_ADDRESS = 50;
  public static final int IP_ADDRESS_LEASE_TIME = 51;
  public static final int MESSAGE_TYPE = 53;
  public static final int SERVER_IDENTIFIER = 54;
  public static final int PARAMETER_REQUEST_LIST = 55;
  public static final int RENEWAL_TIME = 58;
  public static final int REBINDING_TIME = 59;
  public static final int CLIENT_IDENTIFIER = 61;
  public static final int END = 255;

  // Option 53 values (RFC 2132 §9.6).
  public static final int DHCPDISCOVER = 1;
  public static final int DHCPOFFER = 2;
  public static final int DHCPREQUEST = 3;
  public static final int DHCPDECLINE = 4;
  public static final int DHCPACK = 5;
  public static final int DHCPNAK = 6;
  public static final int DHCPRELEASE = 7;
  public static final int DHCPINFORM = 8;

  public DhcpOption {
    if (code <= PAD || code >= END) throw new IllegalArgumentException("option code " + code + " is PAD/END or out of range");
    value = value.clone();
  }

  @Override
  public byte[] value() {
    return value.clone();
  }

  public static DhcpOption ofByte(int code, int v) {
    return new DhcpOption(code, new byte[] {(byte) v});
  }

  public static DhcpOption ofShort(int code, int v) {
    return new DhcpOption(code, ByteBuffer.allocate(2).putShort((short) v).array());
  }

  public static DhcpOption ofInt(int code, int v) {
    return new DhcpOption(code, ByteBuffer.allocate(4).putInt(v).array());
  }

  public static DhcpOption ofAddresses(int code, int... addresses) {
    ByteBuffer b = ByteBuffer.allocate(4 * addresses.length);
    for (int a : addresses) b.putInt(a);
    return new DhcpOption(code, b.array());
  }

  public static DhcpOption ofText(int code, String text) {
    return new DhcpOption(code, text.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DhcpOption d && d.code == code && Arrays.equals(d.value, value);
  }

  @Override
  public int hashCode() {
    return code * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "DhcpOption[" + code + "=" + HexFormat.of().formatHex(value) + "]";
  }
}
