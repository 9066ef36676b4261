package io.weft.compiler;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Deterministic port MACs: {@code 02:} (locally administered, unicast) followed by five
 * octets of the SHA-256 of the port's uid, so a recompile or a restart gives the same MAC.
 */
public final class Macs {
  private Macs() {}

  /** Cloned per use: a clone is much cheaper than a provider lookup by name (every port create). */
  private static final MessageDigest SHA_256 = sha256();

  public static String forUid(String uid) {
    byte[] h;
    try {
      h = ((MessageDigest) SHA_256.clone()).digest(uid.getBytes(StandardCharsets.UTF_8));
    } catch (CloneNotSupportedException e) {
      h = sha256().digest(uid.getBytes(StandardCharsets.UTF_8));
    }
    // Built by hand: String.format per octet was most of this method's cost on every port create.
    char[] mac = {'0', '2', ':', 0, 0, ':', 0, 0, ':', 0, 0, ':', 0, 0, ':', 0, 0};
    for (int i = 0; i < 5; i++) {
      mac[3 + 3 * i] = HEX[(h[i] >> 4) & 0xf];
      mac[4 + 3 * i] = HEX[h[i] & 0xf];
    }
    return new String(mac);
  }

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
