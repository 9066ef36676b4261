package io.weft.config.store;

import java.time.Duration;
import java.util.List;

/** A watcher's cursor into the store's change history; each watcher pulls at its own pace. */
public interface Watch extends AutoCloseable {
  /**
   * Returns the next events after the cursor, in revision order, waiting up to
   * {@code timeout} for at least one (an empty list means none arrived), and advances the cursor.
   *
   * @throws StoreException.Compacted the watcher fell behind the retained history
   */
  List<Event> poll(Duration timeout) throws InterruptedException;

  /** The revision of the last event returned (or the start revision). */
  long revision();

  @Override
  void close();
}
