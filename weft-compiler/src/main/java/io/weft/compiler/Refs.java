package io.weft.compiler;

import io.weft.model.Kind;
import io.weft.model.Metadata;
import io.weft.model.ReferenceSyntax;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** Name helpers shared by the compilers: resolving written references and naming outputs. */
final class Refs {
  private Refs() {}

  static ResourceKey resolve(Kind kind, String holderProject, String written) {
    return ReferenceSyntax.resolve(kind, holderProject, written, "").key();
  }

  /** {@code project/name}, or {@code global:name} for a global or cluster-wide resource. */
  static String qualified(ResourceKey key) {
    return key.project() == null ? ReferenceSyntax.GLOBAL_PREFIX + key.name() : key.project() + "/" + key.name();
  }

  private static final ThreadLocal<java.security.MessageDigest> MD5 = ThreadLocal.withInitial(() -> {
    try {
      return java.security.MessageDigest.getInstance("MD5");
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is always available", e);
    }
  });

  /** {@link UUID#nameUUIDFromBytes} (a version 3 UUID) without looking up a digest per call. */
  static UUID nameUuid(byte[] name) {
    byte[] md5 = MD5.get().digest(name);
    md5[6] = (byte) ((md5[6] & 0x0f) | 0x30);
    md5[8] = (byte) ((md5[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) msb = (msb << 8) | (md5[i] & 0xff);
    for (int i = 8; i < 16; i++) lsb = (lsb << 8) | (md5[i] & 0xff);
    return new UUID(msb, lsb);
  }

  /**
   * Metadata of the derived object of {@code source}: same project and name, labels copied
   * (so label selectors find both), and a uid derived from the source's, so a recompile
   * gives the same bytes.
   */
  static Metadata derivedMetadata(Kind derivedKind, Resource source) {
    Metadata m = source.metadata();
    String seed = derivedKind.kindName() + ":" + (m.uid() != null ? m.uid() : source.key().toString());
    String uid = nameUuid(seed.getBytes(StandardCharsets.UTF_8)).toString();
    return new Metadata(m.name(), m.project(), uid, 0, m.labels());
  }
}
