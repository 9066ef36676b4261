package io.weft.config.api;

import io.weft.config.admission.AdmissionException;
import io.weft.config.store.StoreException;
import io.weft.model.FieldError;
import io.weft.model.Kind;
import io.weft.model.Reference;
import io.weft.model.Resource;
import io.weft.model.ResourceKey;
import io.weft.model.ValidationException;
import java.util.ArrayList;
import java.util.List;

/** Maps what the model and the store refuse to the API's answers (API.md "Errors"). */
final class ErrorMapper {
  private ErrorMapper() {}

  /** Maps a refusal; anything that is not a refusal becomes null (the caller answers 500). */
  static ApiError map(Throwable t) {
    return switch (t) {
      case ApiError e -> e;
      case AdmissionException e -> e.status() == 400
          ? ApiError.invalid(e.field() == null ? "spec" : e.field(), e.getMessage())
          : ApiError.conflict(e.getMessage());
      case ValidationException e -> ApiError.invalid(e.errors());
      case StoreException.NotFound e -> ApiError.notFound(e.getMessage());
      case StoreException.AlreadyExists e -> ApiError.conflict(e.getMessage());
      case StoreException.VersionConflict e -> ApiError.conflict(e.getMessage());
      case StoreException.StillReferenced e ->
          ApiError.referenced(e.getMessage(), e.referrers().stream().map(ResourceKey::toString).toList());
      case StoreException.Compacted e -> ApiError.expired(e.getMessage());
      case StoreException.DanglingReference e -> ApiError.invalid("metadata", e.getMessage());
      default -> null;
    };
  }

  /**
   * Names the field of every missing reference of {@code resource}: the field it was
   * written in, or {@code metadata.project} for the project it lives in.
   */
  static ApiError dangling(StoreException.DanglingReference e, Resource resource) {
    List<FieldError> errors = new ArrayList<>();
    for (ResourceKey missing : e.missing()) {
      boolean named = false;
      for (Reference r : resource.references()) {
        if (r.key().equals(missing)) {
          errors.add(new FieldError(r.field(), missing + " does not exist"));
          named = true;
        }
      }
      if (!named && missing.kind() == Kind.PROJECT
          && missing.name().equals(resource.metadata().project())) {
        errors.add(new FieldError("metadata.project", "project '" + missing.name() + "' does not exist"));
        named = true;
      }
      if (!named) errors.add(new FieldError("spec", missing + " does not exist"));
    }
    return ApiError.invalid(errors);
  }
}
