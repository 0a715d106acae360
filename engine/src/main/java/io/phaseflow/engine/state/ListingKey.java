package io.phaseflow.engine.state;

import java.util.regex.Pattern;

/**
 * A workflow's place in a listing: its creation time, zero-padded, then its id. Keys sort as the
 * listing does (newest last in natural order), with ties broken by id, so a key is an exact paging
 * cursor and a Redis sorted set ordered by member can hold the index.
 */
public final class ListingKey {
  private static final Pattern SHAPE = Pattern.compile("\\d{15}:[^\\s]{1,200}");

  /**
   * The shape, in {@code String.format} (and Lua {@code string.format}) syntax: creation ms, id.
   */
  public static final String FORMAT = "%015d:%s";

  private ListingKey() {}

  public static String of(WorkflowRecord wf) {
    return of(wf.createdAt(), wf.id());
  }

  public static String of(long createdAt, String id) {
    return before(createdAt) + id; // FORMAT, without a Formatter on every start
  }

  /** The key below which every key has a creation time before {@code millis}. */
  public static String before(long millis) {
    String digits = Long.toString(Math.max(0, millis));
    return "0".repeat(Math.max(0, 15 - digits.length())) + digits + ":";
  }

  public static String id(String key) {
    return key.substring(16);
  }

  public static long createdAt(String key) {
    return Long.parseLong(key, 0, 15, 10);
  }

  static boolean valid(String key) {
    return SHAPE.matcher(key).matches();
  }
}
