package io.phaseflow.engine.redis;

import static io.phaseflow.engine.redis.RedisLayout.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.phaseflow.engine.definition.JobPolicy;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import io.phaseflow.engine.state.RetriedAttempt;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Phase entries from their hashes (fields named by {@link RedisLayout}; {@link EntryWriter} writes
 * them): the entry's hash holds its own fields and its first page of jobs, a few short fields per
 * job, so each page stays a listpack. Pure; thread-safe.
 *
 * <pre>
 *   p phase, a opened ms, c closed ms (absent while open), o jobs still open, n job count,
 *   P jobs per page (absent on entries written before pages: every job in this hash), T the
 *     token in the page keys when the pages were staged,
 *   r first error, h handler table [[name, version, max attempts, policy...], ...], the policy
 *     (timeout, heartbeat, backoff initial, max, multiplier, jitter) only when not the default
 *   j&lt;i&gt; spec [handler index, [parents], name or "" when it is the handler's, payload], and for
 *     a for_each gate a fifth element [pointer, [source indexes]]; [handler index, payload] for a
 *     job without parents named after its handler (a phase's jobs)
 *   g&lt;i&gt; a gate's element jobs "first,count" ("" while not expanded), d&lt;i&gt; the sources
 *     of a gate not yet expanded "0,3"
 *   s&lt;i&gt; status letter + attempt: W R S F K(skipped), e.g. "R1"
 *   q&lt;i&gt; open parents of a waiting job, k&lt;i&gt; children "3,4", o&lt;i&gt; output (absent on a
 *     success whose output is null), x&lt;i&gt; error
 *   t&lt;i&gt; attempts that failed and were retried: [attempt, started, ended, error, delay],...
 *   m&lt;i&gt; an ended job's start and end: base-36 ms after "a", "start,end" (start empty when
 *     unknown), e.g. "1c,2xk"; absent on open and skipped jobs
 * </pre>
 */
final class EntryCodec {
  private final ObjectMapper json;

  EntryCodec(ObjectMapper json) {
    this.json = json;
  }

  /**
   * A spec as stored for an element job of {@code gate} (its handler row and parents are the
   * gate's): what the complete script appends when it expands the gate.
   */
  String elementSpec(String gateSpec, JobSpec element) {
    JsonNode gate = Json.read(json, gateSpec);
    ArrayNode spec = json.createArrayNode();
    spec.add(gate.get(0));
    spec.add(gate.get(1));
    spec.add(element.name());
    spec.add(element.payload());
    return spec.toString();
  }

  JobSpec spec(int index, String table, String spec) {
    return spec(index, Json.read(json, table), spec);
  }

  private JobSpec spec(int index, JsonNode table, String spec) {
    return spec(index, table, spec, null);
  }

  /**
   * @param elements the gate's stored element range ("first,count" or ""), or null when not read
   */
  private JobSpec spec(int index, JsonNode table, String spec, String elements) {
    JsonNode s = Json.read(json, spec);
    JsonNode handler = table.get(s.get(0).asInt());
    if (s.size() == 2) { // [handler, payload]: no parents, the handler's name
      s = json.createArrayNode().add(s.get(0)).add(json.createArrayNode()).add("").add(s.get(1));
    }
    List<Integer> parents = new ArrayList<>();
    s.get(1).forEach(p -> parents.add(p.asInt()));
    String name = s.get(2).asText();
    return new JobSpec(
        index,
        name.isEmpty() ? handler.get(0).asText() : name,
        handler.get(0).asText(),
        handler.get(1).asInt(),
        handler.get(2).asInt(),
        s.get(3),
        parents,
        handler.size() < 9
            ? JobPolicy.DEFAULT
            : new JobPolicy(
                handler.get(3).asLong(),
                handler.get(4).asLong(),
                handler.get(5).asLong(),
                handler.get(6).asLong(),
                handler.get(7).asDouble(),
                handler.get(8).asDouble(),
                handler.size() < 10 ? 1 : handler.get(9).asInt()),
        s.size() > 4 ? FanoutFields.fanout(s.get(4), elements) : null);
  }

  JobRecord job(
      int index,
      String table,
      String spec,
      String state,
      String output,
      String error,
      String retried,
      String opened,
      String times) {
    JobRecord j = job(index, Json.read(json, table), spec, state, output, error);
    return withTimes(retried == null ? j : withRetried(j, retried), opened, times);
  }

  private JobRecord job(
      int index, JsonNode table, String spec, String state, String output, String error) {
    return job(index, table, spec, null, state, output, error);
  }

  private JobRecord job(
      int index,
      JsonNode table,
      String spec,
      String elements,
      String state,
      String output,
      String error) {
    JobStatus status = status(state.charAt(0));
    return new JobRecord(
        spec(index, table, spec, elements),
        status,
        Integer.parseInt(state.substring(1)),
        output != null
            ? Json.read(json, output)
            : status == JobStatus.SUCCEEDED ? NullNode.getInstance() : null, // null kept unsaid
        error);
  }

  List<JobRecord> jobs(Map<String, String> h) {
    return jobs(h, List.of());
  }

  /** How many pages beyond the head an entry whose head is {@code h} has (see JOBS_PER_PAGE). */
  static int pages(Map<String, String> h) {
    int size = Integer.parseInt(h.getOrDefault(E_PAGE, "0"));
    int n = Integer.parseInt(h.getOrDefault(E_COUNT, "0"));
    return size == 0 || n == 0 ? 0 : (n - 1) / size;
  }

  /**
   * The jobs of an entry whose head is {@code head} and whose pages 1, 2, ... are {@code pages}.
   */
  List<JobRecord> jobs(Map<String, String> head, List<Map<String, String>> pages) {
    int n = Integer.parseInt(head.getOrDefault(E_COUNT, "0"));
    int size = Integer.parseInt(head.getOrDefault(E_PAGE, "0"));
    List<JobRecord> jobs = new ArrayList<>(n);
    if (n == 0) {
      return jobs;
    }
    JsonNode table = Json.read(json, head.get(E_HANDLERS)); // once per entry, not once per job
    for (int i = 0; i < n; i++) {
      Map<String, String> h = size == 0 || i < size ? head : pages.get(i / size - 1);
      JobRecord j =
          job(
              i,
              table,
              h.get(JOB_SPEC + i),
              h.get(JOB_ELEMENTS + i),
              h.get(JOB_STATE + i),
              h.get(JOB_OUTPUT + i),
              h.get(JOB_ERROR + i));
      String retried = h.get(JOB_RETRIED + i);
      j = retried == null ? j : withRetried(j, retried);
      jobs.add(withTimes(j, head.get(E_OPENED), h.get(JOB_TIMES + i)));
    }
    return jobs;
  }

  /**
   * A retried attempt as the retry script appends it: {@code [attempt, started, ended, error,
   * delay]}.
   */
  String retried(RetriedAttempt r) {
    return json.createArrayNode()
        .add(r.attempt())
        .add(r.started())
        .add(r.ended())
        .add(r.error())
        .add(r.delayMillis())
        .toString();
  }

  private JobRecord withRetried(JobRecord j, String kept) {
    List<RetriedAttempt> list = new ArrayList<>();
    for (JsonNode a : Json.read(json, "[" + kept + "]")) {
      list.add(
          new RetriedAttempt(
              j.spec().index(),
              j.spec().name(),
              a.get(0).asInt(),
              a.get(1).asLong(),
              a.get(2).asLong(),
              a.get(3).asText(),
              a.get(4).asLong()));
    }
    return new JobRecord(
        j.spec(), j.status(), j.attempt(), j.output(), j.error(), list, j.startedAt(), j.endedAt());
  }

  /**
   * A job with the times complete.lua kept, {@code "start,end"}: base-36 ms after the entry opened
   * ({@code opened}), start empty when unknown; a job without them (open, skipped, or ended before
   * times were kept) keeps 0.
   */
  private static JobRecord withTimes(JobRecord j, String opened, String times) {
    if (times == null || opened == null) {
      return j;
    }
    long base = Long.parseLong(opened);
    int comma = times.indexOf(',');
    long started = comma == 0 ? 0 : base + Long.parseLong(times.substring(0, comma), 36);
    return j.ended(started, base + Long.parseLong(times.substring(comma + 1), 36));
  }

  EntryRecord paged(int entry, Map<String, String> h, List<Map<String, String>> pages) {
    return entry(entry, h, jobs(h, pages));
  }

  /** The entry's record from its hash and its already decoded jobs. */
  EntryRecord entry(int entry, Map<String, String> h, List<JobRecord> jobs) {
    return EntryRecord.of(
        entry,
        h.get(E_PHASE),
        Long.parseLong(h.get(E_OPENED)),
        Long.parseLong(h.getOrDefault(E_CLOSED, "0")),
        h.get(E_ERROR),
        jobs);
  }

  static String letter(JobStatus status) {
    return switch (status) {
      case WAITING -> WAITING;
      case READY -> READY;
      case SUCCEEDED -> SUCCEEDED;
      case FAILED -> FAILED;
      case SKIPPED -> SKIPPED;
    };
  }

  static JobStatus status(char letter) {
    String s = String.valueOf(letter);
    if (s.equals(WAITING)) {
      return JobStatus.WAITING;
    } else if (s.equals(READY)) {
      return JobStatus.READY;
    } else if (s.equals(SUCCEEDED)) {
      return JobStatus.SUCCEEDED;
    } else if (s.equals(FAILED)) {
      return JobStatus.FAILED;
    } else if (s.equals(SKIPPED)) {
      return JobStatus.SKIPPED;
    }
    throw new IllegalStateException("unknown job status letter '" + letter + "'");
  }

  private static void add(List<String> fields, String name, String value) {
    fields.add(name);
    fields.add(value);
  }
}
