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
  private final String path;

  public Problems() {
    this(new ArrayList<>(), "");
  }

  private Problems(List<FieldError> errors, String path) {
    this.errors = errors;
    this.path = path;
  }

  public Problems at(String field) {
    return new Problems(errors, path.isEmpty() ? field : path + "." + field);
  }

  public Problems at(int index) {
    return new Problems(errors, path + "[" + index + "]");
  }

  /** Records a problem with the field this view is rooted at. */
  public void add(String message) {
    errors.add(new FieldError(path, message));
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
    return path;
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
