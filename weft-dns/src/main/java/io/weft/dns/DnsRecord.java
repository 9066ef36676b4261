package io.weft.dns;

import java.util.Arrays;
import java.util.HexFormat;

/** A resource record (RFC 1035 §4.1.3). {@code rdata} is kept as octets; names inside it are not decompressed. */
public record DnsRecord(String name, int type, int rclass, long ttl, byte[] rdata) {
  public DnsRecord {
    rdata = rdata.clone();
  }

  @Override
  public byte[] rdata() {
    return rdata.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DnsRecord r && r.name.equalsIgnoreCase(name) && r.type == type && r.rclass == rclass && r.ttl == ttl
        && Arrays.equals(r.rdata, rdata);
  }

  @Override
  public int hashCode() {
    return name.toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + type;
  }

  @Override
  public String toString() {
    return "DnsRecord[" + name + " " + type + " " + rclass + " ttl " + ttl + " " + HexFormat.of().formatHex(rdata) + "]";
  }
}
