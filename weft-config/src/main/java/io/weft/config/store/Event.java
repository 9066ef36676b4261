package io.weft.config.store;

/**
 * A change seen by a watcher. For {@link Type#DELETED} the entry is the last value before
 * the delete; {@code revision} is always the change's own revision.
 */
public record Event(Type type, Entry entry, long revision) {
  public enum Type { ADDED, MODIFIED, DELETED }
}
