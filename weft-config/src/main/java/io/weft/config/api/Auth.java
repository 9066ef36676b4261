package io.weft.config.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Bearer-token check. Both sides are hashed before the constant-time compare so neither
 * the token's content nor its length leaks through timing.
 */
final class Auth {
  private static final String BEARER = "Bearer ";
  private final byte[] expected;

  /** {@code token} null turns authentication off. */
  Auth(String token) {
    this.expected = token == null ? null : sha256(token);
  }

  /** Throws 401 unless auth is off or {@code authorization} carries the token. */
  void check(String authorization) {
    if (expected == null) return;
    String given = authorization != null && authorization.startsWith(BEARER) ? authorization.substring(BEARER.length()).trim() : "";
    if (!MessageDigest.isEqual(expected, sha256(given))) throw ApiError.unauthorized();
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
