package io.weft.config.store;

import java.util.List;

/** A consistent snapshot: {@code entries} exactly as they were at {@code revision}. */
public record Listing(long revision, List<Entry> entries) {
  public Listing {
    entries = List.copyOf(entries);
  }
}
