package io.phaseflow.engine.redis;

import static io.phaseflow.engine.redis.RedisLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.NewEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Writes a new entry (fields named by {@link RedisLayout}, shapes read back by {@link EntryCodec}):
 * its head (the entry's fields and page 0's jobs) goes in the script that stores the move, so the
 * move and the entry are one atomic step; the jobs of pages 1 and up are staged first, a window of
 * pages at a time, under a token of this write. A staged page is written with a day's expiry, which
 * the storing script removes: pages of a move that lost its compare-and-set are deleted by the
 * loser; those of a process that died in between expire. So a 100,000-job entry never passes
 * through one script's arguments and leaves nothing behind. Thread-safe.
 */
final class EntryWriter {
  /** How long a staged page lives unless the move that owns it is stored. */
  static final long STAGED_SECONDS = 86_400;

  /** Pages written before their replies are awaited: the engine's memory for a wide entry. */
  private static final int WINDOW = 64;

  private final ObjectMapper json;
  private final RedisClusterAsyncCommands<String, String> redis;
  private final Function<RedisFuture<?>, Object> await;

  /**
   * @param await waits for a reply, throwing the store's errors
   */
  EntryWriter(
      ObjectMapper json,
      RedisClusterAsyncCommands<String, String> redis,
      Function<RedisFuture<?>, Object> await) {
    this.json = json;
    this.redis = redis;
    this.await = await;
  }

  /** A new entry written but for its head, which the storing script writes. */
  record Staged(List<String> head, List<String> pages) {
    boolean hasPages() {
      return !pages.isEmpty();
    }
  }

  /**
   * Stages the pages of {@code entry} beyond the first under entry key {@code key} and returns the
   * head's field/value pairs.
   */
  Staged stage(String key, NewEntry entry, long at) {
    Encoding enc = new Encoding(entry);
    int pages = (entry.jobs().size() + JOBS_PER_PAGE - 1) / JOBS_PER_PAGE;
    String token = pages > 1 ? token() : "";
    List<String> head = enc.head(at, token);
    List<String> keys = new ArrayList<>();
    Deque<RedisFuture<?>> inFlight = new ArrayDeque<>();
    for (int p = 1; p < pages; p++) {
      String page = RedisLayout.page(key, p, token);
      keys.add(page);
      Map<String, String> fields = new LinkedHashMap<>();
      List<String> pairs =
          enc.jobs(p * JOBS_PER_PAGE, Math.min((p + 1) * JOBS_PER_PAGE, size(enc)));
      for (int i = 0; i < pairs.size(); i += 2) {
        fields.put(pairs.get(i), pairs.get(i + 1));
      }
      inFlight.add(redis.hset(page, fields));
      inFlight.add(redis.expire(page, STAGED_SECONDS));
      while (inFlight.size() > WINDOW * 2) {
        await.apply(inFlight.poll());
      }
    }
    inFlight.forEach(await::apply);
    return new Staged(head, keys);
  }

  /** Deletes the pages of a write whose move was not stored (another process stored its own). */
  void discard(Staged staged) {
    List<RedisFuture<?>> sent = new ArrayList<>();
    for (String page : staged.pages()) {
      sent.add(redis.del(page));
    }
    sent.forEach(await::apply);
  }

  private static int size(Encoding enc) {
    return enc.entry.jobs().size();
  }

  /** Six letters: two engines staging the same entry at once never share a page key. */
  private static String token() {
    StringBuilder t = new StringBuilder(6);
    ThreadLocalRandom random = ThreadLocalRandom.current();
    for (int i = 0; i < 6; i++) {
      t.append((char) ('a' + random.nextInt(26)));
    }
    return t.toString();
  }

  /** One entry's encoding: its handler table and children computed once for every page. */
  private final class Encoding {
    final NewEntry entry;
    final Map<HandlerKey, Integer> handlerIndex = new LinkedHashMap<>();
    final ArrayNode table = json.createArrayNode();
    final List<List<Integer>> children;

    Encoding(NewEntry entry) {
      this.entry = entry;
      for (JobSpec j : entry.jobs()) {
        handlerIndex.computeIfAbsent(handlerKey(j), k -> row(j));
      }
      this.children = NewEntry.children(entry.jobs());
    }

    private int row(JobSpec j) {
      ArrayNode row = table.addArray().add(j.handler()).add(j.version()).add(j.maxAttempts());
      JobPolicy p = j.policy();
      if (!p.equals(JobPolicy.DEFAULT)) {
        row.add(p.timeoutMillis()).add(p.heartbeatMillis()).add(p.initialMillis());
        row.add(p.maxMillis()).add(p.multiplier()).add(p.jitter());
        if (p.jobsPerMessage() != 1) { // absent in rows written before batches existed
          row.add(p.jobsPerMessage());
        }
      }
      return table.size() - 1;
    }

    /** The entry's own fields and page 0's jobs. */
    List<String> head(long at, String token) {
      List<JobSpec> jobs = entry.jobs();
      boolean closedAtOnce = entry.closedAtOnce();
      List<String> f = new ArrayList<>(16 + Math.min(jobs.size(), JOBS_PER_PAGE) * 8);
      add(f, E_PHASE, entry.phase());
      add(f, E_OPENED, Long.toString(at));
      add(f, E_COUNT, Integer.toString(jobs.size()));
      add(f, E_OPEN, closedAtOnce ? "0" : Integer.toString(jobs.size() - entry.carried().size()));
      add(f, E_PAGE, Integer.toString(JOBS_PER_PAGE));
      if (!token.isEmpty()) {
        add(f, E_TOKEN, token);
      }
      if (closedAtOnce) {
        add(f, E_CLOSED, Long.toString(at));
      }
      if (entry.planningError() != null) {
        add(f, E_ERROR, entry.planningError());
      }
      if (jobs.isEmpty()) {
        return f;
      }
      add(f, E_HANDLERS, table.toString());
      f.addAll(jobs(0, Math.min(jobs.size(), JOBS_PER_PAGE)));
      return f;
    }

    /** The field/value pairs of jobs {@code from} (inclusive) to {@code to} (exclusive). */
    List<String> jobs(int from, int to) {
      List<String> f = new ArrayList<>((to - from) * 8);
      for (int i = from; i < to; i++) {
        JobSpec j = entry.jobs().get(i);
        ArrayNode spec = json.createArrayNode();
        spec.add(handlerIndex.get(handlerKey(j)));
        if (j.parents().isEmpty() && j.name().equals(j.handler()) && !j.isGate()) {
          spec.add(j.payload()); // a phase's job: [handler, payload], 8 bytes less per job
        } else {
          ArrayNode parents = spec.addArray();
          j.parents().forEach(parents::add);
          spec.add(j.name().equals(j.handler()) ? "" : j.name());
          spec.add(j.payload());
        }
        if (j.isGate()) {
          ArrayNode fanout = spec.addArray().add(j.fanout().pointer());
          j.fanout().sources().forEach(fanout.addArray()::add);
          add(f, JOB_ELEMENTS + i, FanoutFields.elements(j.fanout()));
          if (!j.fanout().expanded()) {
            add(f, JOB_SOURCES + i, FanoutFields.csv(j.fanout().sources()));
          }
        }
        add(f, JOB_SPEC + i, spec.toString());
        add(f, JOB_STATE + i, EntryCodec.letter(entry.initialStatus(i)) + "1");
        if (entry.initialStatus(i) == JobStatus.WAITING) {
          add(f, JOB_OPEN_PARENTS + i, Integer.toString(entry.openParents(i)));
        }
        if (entry.carried().containsKey(i)) {
          JsonNode out = entry.carried().get(i);
          add(f, JOB_OUTPUT + i, out == null ? "null" : out.toString());
        }
        if (!children.get(i).isEmpty()) {
          add(f, JOB_CHILDREN + i, FanoutFields.csv(children.get(i)));
        }
      }
      return f;
    }
  }

  /** A handler table row's identity: what a job's row holds, compared as values. */
  private record HandlerKey(String handler, int version, int maxAttempts, JobPolicy policy) {}

  private static HandlerKey handlerKey(JobSpec j) {
    return new HandlerKey(j.handler(), j.version(), j.maxAttempts(), j.policy());
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }
}
