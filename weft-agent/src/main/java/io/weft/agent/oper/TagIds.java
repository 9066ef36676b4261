package io.weft.agent.oper;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

/**
 * Numeric ids for tags and security groups on routes (XMPP {@code tag-list} and
 * {@code security-group-list} carry 32-bit ids). Like TF's tag id (type in the high 16 bits,
 * an index in the low 16) but computed, not allocated: the type's code, then a CRC of the
 * value, so every agent derives the same id without a registry. An agent maps ids back to
 * {@code type=value} through the names it has seen — its own ports' tags and every tag and
 * group its compiled rules mention, which are exactly the ones policy can match on.
 *
 * <p>Thread-safe (concurrent maps).
 */
public final class TagIds {
  private static final Map<String, Integer> TYPES = Map.of("application", 1, "tier", 2, "deployment", 3, "site", 4, "label", 5);
  private final Map<Long, String> tags = new ConcurrentHashMap<>();
  private final Map<Long, String> groups = new ConcurrentHashMap<>();

  public static long tagId(String tag) {
    int eq = tag.indexOf('=');
    String type = eq < 0 ? tag : tag.substring(0, eq);
    int code = TYPES.getOrDefault(type, 0x100 + (int) (crc(type) & 0x7eff));
    return ((long) code << 16) | (crc(tag) & 0xffff);
  }

  public static long groupId(String qualifiedGroup) {
    // SG ids in TF start at 8000000; keep clear of the small well-known ones.
    return 8_000_000L + (crc(qualifiedGroup) % 1_000_000_000L);
  }

  public long learnTag(String tag) {
    long id = tagId(tag);
    tags.put(id, tag);
    return id;
  }

  public long learnGroup(String group) {
    long id = groupId(group);
    groups.put(id, group);
    return id;
  }

  /** The tag named by {@code id}, or null when no local port or rule mentions it. */
  public String tag(long id) {
    return tags.get(id);
  }

  public String group(long id) {
    return groups.get(id);
  }

  private static long crc(String s) {
    CRC32 c = new CRC32();
    c.update(s.getBytes(StandardCharsets.UTF_8));
    return c.getValue();
  }
}
