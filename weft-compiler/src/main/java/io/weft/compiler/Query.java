package io.weft.compiler;

import io.weft.model.Kind;

/**
 * A dependency on "every resource of {@code kind} in {@code project}" (project null: the
 * global or cluster-wide ones), so that a derived object that listed them is recomputed when
 * one is added, changed or removed.
 */
record Query(Kind kind, String project) {}
