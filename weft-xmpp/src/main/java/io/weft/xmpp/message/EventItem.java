package io.weft.xmpp.message;

import java.util.Objects;

/** {@code <item id="…"><entry>…</entry></item>} inside a control → agent event. */
public record EventItem(String id, RouteEntry entry) {
  public EventItem {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(entry, "entry");
  }

  public static EventItem of(RouteEntry entry) {
    return new EventItem(entry.itemId(), entry);
  }
}
