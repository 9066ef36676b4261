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

  /**
   * Metadata of the derived object of {@code source}: same project and name, labels copied
   * (so label selectors find both), and a uid derived from the source's, so a recompile
   * gives the same bytes.
   */
  static Metadata derivedMetadata(Kind derivedKind, Resource source) {
    Metadata m = source.metadata();
    String seed = derivedKind.kindName() + ":" + (m.uid() != null ? m.uid() : source.key().toString());
    String uid = UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
    return new Metadata(m.name(), m.project(), uid, 0, m.labels());
  }
}
