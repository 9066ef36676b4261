package io.weft.model.spec;

import io.weft.model.Problems;
import io.weft.model.Spec;

/**
 * A tag. Its name is the tag itself ({@code type=value}, e.g. {@code tier=web}); the
 * compiler gives it a 32-bit id {@code 0xTTTTVVVV} in status as the original system does.
 */
public record TagSpec(String description) implements Spec {
  @Override
  public void validate(Problems problems) {}
}
