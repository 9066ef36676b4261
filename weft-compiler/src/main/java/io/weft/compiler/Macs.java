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

  public static String forUid(String uid) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("SHA-256").digest(uid.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    StringBuilder sb = new StringBuilder("02");
    for (int i = 0; i < 5; i++) sb.append(':').append(String.format("%02x", h[i] & 0xff));
    return sb.toString();
  }
}
