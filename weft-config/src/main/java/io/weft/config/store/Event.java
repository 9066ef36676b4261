package io.weft.config.store;

import io.weft.model.Resource;

/**
 * A change seen by a watcher. For {@link Type#DELETED} the entry is the last value before
 * the delete; {@code revision} is always the change's own revision. {@code decoded} is the
 * writer's validated resource of the entry's value when the change was written in this
 * process and is still in memory (see {@link Write}), else null: parse the value then.
 */
public record Event(Type type, Entry entry, long revision, Resource decoded) {
  public enum Type { ADDED, MODIFIED, DELETED }

  public Event(Type type, Entry entry, long revision) {
    this(type, entry, revision, null);
  }
}
