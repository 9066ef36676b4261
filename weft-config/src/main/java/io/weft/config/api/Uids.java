package io.weft.config.api;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for {@code metadata.uid}, from a DRBG seeded once. UUID.randomUUID
 * reads /dev/urandom under a lock for every one (NativePRNG), a system call per create.
 */
final class Uids {
  private static final SecureRandom RANDOM = drbg();

  private Uids() {}

  static String next() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    b[6] = (byte) ((b[6] & 0x0f) | 0x40); // version 4
    b[8] = (byte) ((b[8] & 0x3f) | 0x80); // IETF variant
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) msb = (msb << 8) | (b[i] & 0xff);
    for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (b[i] & 0xff);
    return new UUID(msb, lsb).toString();
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }
}
