package io.weft.config.api;

import java.security.SecureRandom;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Random (version 4) UUIDs for {@code metadata.uid}: unique, not secret (a uid names an
 * object; nothing is protected by guessing it). A SplittableRandom seeded from SecureRandom
 * at start: within a process its outputs do not repeat for 2^64 draws, and two processes'
 * sequences meet with negligible probability. UUID.randomUUID reads /dev/urandom under a
 * lock for every uid, and a DRBG hashes in Java code; either cost several percent of a create.
 */
final class Uids {
  private static final SplittableRandom RANDOM = new SplittableRandom(new SecureRandom().nextLong()); // guarded by itself

  private Uids() {}

  static String next() {
    long msb;
    long lsb;
    synchronized (RANDOM) {
      msb = RANDOM.nextLong();
      lsb = RANDOM.nextLong();
    }
    msb = (msb & ~0xf000L) | 0x4000L; // version 4
    lsb = (lsb & ~(0xc000L << 48)) | (0x8000L << 48); // IETF variant
    return new UUID(msb, lsb).toString();
  }
}
