package io.phaseflow.engine.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.RejectedInput;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A named schedule: start a workflow of {@code definition} with {@code input} at every tick of
 * {@code cron}, ticks before {@code createdAt} (epoch ms) not counting; with {@code noOverlap}, a
 * tick while the schedule's previous workflow runs is skipped. Immutable.
 */
public record Schedule(
    String name,
    String definition,
    CronSchedule cron,
    JsonNode input,
    boolean noOverlap,
    long createdAt) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  public Schedule {
    checkName(name);
    Objects.requireNonNull(definition, "definition");
    Objects.requireNonNull(cron, "cron");
    input = input == null || input.isNull() ? JsonNodeFactory.instance.objectNode() : input;
    if (!input.isObject()) {
      throw new RejectedInput(
          "the input of schedule '" + name + "' must be a JSON object, got " + input.getNodeType());
    }
  }

  /**
   * @throws RejectedInput unless {@code name} is 1 to 64 letters, digits, '.', '_' or '-'
   */
  public static String checkName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new RejectedInput(
          "schedule name '"
              + name
              + "' must be 1 to 64 letters, digits, '.', '_' or '-' (e.g. nightly-import)");
    }
    return name;
  }

  /**
   * The idempotency key of the workflow started for {@code tick}: the same in every engine process,
   * so a tick names one workflow wherever it fires.
   */
  public String key(long tick) {
    return "schedule " + name + " " + Instant.ofEpochMilli(tick);
  }
}
