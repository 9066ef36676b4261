package io.weft.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects every {@link FieldError} of a resource in one pass, so a user sees all of them
 * at once. {@link #at(String)} and {@link #at(int)} return a view rooted one level deeper
 * that shares the same list.
 */
public final class Problems {
  private final List<FieldError> errors;
  // The path is built only when a problem is recorded: every field of every request opens a
  // view, almost always without a problem.
  private final Problems parent; // null at the root
  private final String field; // this view's field below parent; null when it is an index
  private final int index;

  public Problems() {
    this(new ArrayList<>(), null, null, -1);
  }

  private Problems(List<FieldError> errors, Problems parent, String field, int index) {
    this.errors = errors;
    this.parent = parent;
    this.field = field;
    this.index = index;
  }

  public Problems at(String field) {
    return new Problems(errors, this, field, -1);
  }

  public Problems at(int index) {
    return new Problems(errors, this, null, index);
  }

  /** Records a problem with the field this view is rooted at. */
  public void add(String message) {
    errors.add(new FieldError(path(), message));
  }

  /** Records a problem with {@code field} below this view's root. */
  public void add(String field, String message) {
    at(field).add(message);
  }

  /** Records "is required" when {@code value} is null or blank; returns whether it was present. */
  public boolean require(String field, Object value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      add(field, "is required");
      return false;
    }
    return true;
  }

  public String path() {
    if (parent == null) return "";
    String above = parent.path();
    if (field == null) return above + "[" + index + "]";
    return above.isEmpty() ? field : above + "." + field;
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public List<FieldError> errors() {
    return List.copyOf(errors);
  }

  /** Throws a {@link ValidationException} carrying every problem, if there is any. */
  public void throwIfAny() {
    if (!errors.isEmpty()) {
      throw new ValidationException(errors());
    }
  }
}
