package io.phaseflow.engine.redis;

import io.phaseflow.engine.state.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The Redis layout, format 3: the one owner of key shapes, hash field names and script reply codes.
 * The Lua scripts read the same names from {@link LuaPrelude#render()}, so a name changed here
 * changes in every script. Immutable; thread-safe.
 *
 * <pre>
 *   PREFIX:format            hash  version, shards: written once per namespace
 *   PREFIX:{S}ID             hash  the workflow (S: its shard, a stable hash of ID mod shards)
 *   PREFIX:{S}ID:h           list  its transition history, oldest first
 *   PREFIX:{S}ID:e:N         hash  phase entry N: barrier count, jobs, their states and outputs
 *   PREFIX:{S}ID:e:N:pP[.T]  hash  page P (1, 2, ...) of entry N's jobs: jobs P*16 .. P*16+15, T
 *                            the token of the engine that staged the pages (see EntryWriter)
 *   PREFIX:{S}:ix:B:STATUS:DEF  sorted set  listing keys of shard S's workflows of DEF at STATUS
 *                            (running, paused, succeeded, failed, canceled) in bucket B (0-15,
 *                            from the id), ordered by member. Buckets keep each set small enough
 *                            for Redis's compact listpack encoding (~35 B a member instead of a
 *                            skiplist's ~137 B) up to ~100k workflows of a definition and status.
 *                            Format 2 kept one set per shard, PREFIX:{S}:ix:STATUS:DEF
 *   PREFIX:{S}:ix:defs       set   the definitions with index sets in shard S
 *   PREFIX:{S}:dl:B          sorted set  deadlines of shard S's job attempts in flight, in bucket
 *                            B (0-15, from the id): member ID|ENTRY|JOB|ATTEMPT, score the
 *                            deadline (epoch ms). Buckets keep each set small enough for
 *                            Redis's compact listpack encoding (up to ~130k running jobs)
 *   PREFIX:{S}:due           sorted set  shard S's retries waiting for their backoff: member as
 *                            above, score when the attempt is due
 *   PREFIX:{lim}:limits      hash  handler limits: field NAME|vN, value "MAXCONCURRENT,MAXPERSECOND"
 *   PREFIX:{lim:NAME|vN}:l   sorted set  the handler's leases: member an attempt (as in the
 *                            deadline sets), score when the lease expires (its deadline)
 *   PREFIX:{lim:NAME|vN}:d   sorted set  its attempts deferred by the limit, score when due
 *   PREFIX:{lim:NAME|vN}:r   string  its rate limiter's arrival time (ms), expiring when idle
 *   PREFIX:{sch}:names       set   the names of the namespace's schedules
 *   PREFIX:{sch}:s:NAME      hash  schedule NAME: definition, cron, zone, input, last tick, ...
 *   PREFIX:{sch}:r:NAME      list  its most recent firings, newest first (JSON lines)
 * </pre>
 *
 * <p>Every schedule key of a namespace carries the one hash tag {@code {sch}}: schedules are few
 * and their steps rare (a claim per tick per engine), so one slot holds them all, and adding or
 * removing a schedule changes it and the list of names in one atomic step.
 *
 * <p>Every key of a workflow and its shard's index carry the hash tag {@code {S}}: one Redis
 * Cluster slot, so each script touches one slot and files the workflow in the index in the same
 * atomic step. Ids never start with ':' (they are letters, digits, '.', '_', '-'), so a workflow
 * key never looks like an index key.
 */
final class RedisLayout {
  /** The layout version this code writes and reads. */
  static final int FORMAT = 3;

  /** The format that kept one index set per shard, status and definition (no buckets). */
  static final int FORMAT_UNBUCKETED_INDEX = 2;

  static final int DEFAULT_SHARDS = 64;

  // Workflow hash fields. Short names keep small hashes in Redis's listpack encoding.
  static final String WF_DEFINITION = "d";
  static final String WF_VERSION = "v";
  static final String WF_PHASE = "p";
  static final String WF_ENTRY = "e";
  static final String WF_STATUS = "s";
  static final String WF_VIA_ERROR = "x";
  static final String WF_CREATED = "c";
  static final String WF_UPDATED = "u";
  static final String WF_INPUT = "i";

  /** Absent for normal priority: workflows stored before priorities existed read as normal. */
  static final String WF_PRIORITY = "y";

  // Entry hash fields, then per-job fields (the name followed by the job's index).
  static final String E_PHASE = "p";
  static final String E_OPENED = "a";
  static final String E_CLOSED = "c";
  static final String E_OPEN = "o";
  static final String E_COUNT = "n";
  static final String E_ERROR = "r";
  static final String E_HANDLERS = "h";
  static final String JOB_SPEC = "j";
  static final String JOB_STATE = "s";
  static final String JOB_OPEN_PARENTS = "q";
  static final String JOB_CHILDREN = "k";
  static final String JOB_OUTPUT = "o";
  static final String JOB_ERROR = "x";
  static final String JOB_RETRIED = "t";

  /** An ended job's start and end, added in format 2 without a bump: absent on older jobs. */
  static final String JOB_TIMES = "m";

  /** A for_each gate's element jobs, "first,count"; "" while it is not expanded. */
  static final String JOB_ELEMENTS = "g";

  /** The jobs whose outputs a gate not yet expanded reads, "0,3". */
  static final String JOB_SOURCES = "d";

  /**
   * An entry's jobs per page: job i's fields are in page i / JOBS_PER_PAGE, page 0 being the entry
   * hash itself. Sixteen jobs of four to six short fields keep each page a listpack (Redis's
   * compact encoding up to 128 fields of 64 bytes), so a wide entry costs tens of bytes per job
   * rather than a hash table's ~60 bytes per field.
   */
  static final int JOBS_PER_PAGE = 16;

  /** The entry's page size (JOBS_PER_PAGE when written); absent on entries written before pages. */
  static final String E_PAGE = "P";

  /** The token in the entry's page keys when they were staged before the entry was stored. */
  static final String E_TOKEN = "T";

  /** Present (YES) on a job made ready while its workflow was paused: a resume dispatches it. */
  static final String JOB_HELD = "w";

  // Job state letters (followed by the attempt) and workflow status letters.
  static final String WAITING = "W";
  static final String READY = "R";
  static final String SUCCEEDED = "S";
  static final String FAILED = "F";
  static final String SKIPPED = "K";
  static final String WF_RUNNING = "R";
  static final String WF_PAUSED = "P";
  static final String WF_FAILED = "F";
  static final String WF_CANCELED = "C";

  // Script replies.
  static final String RECORDED = "R";
  static final String DUPLICATE = "D";
  static final String STALE = "S";
  static final String DROPPED = "X";
  static final String EXPAND = "E";
  static final String CONTROL_APPLIED = "A";
  static final String CONTROL_REFUSED = "N";
  static final String CONTROL_MOVED = "M";
  static final String CONTROL_MISSING = "0";
  static final long DONE = 1;
  static final long NOT_DONE = 0;
  static final String YES = "1";
  static final String NO = "0";

  // Schedule hash fields, the outcome letter of a fired tick, the reply to a claim of a removed
  // one.
  static final String SC_DEFINITION = "d";
  static final String SC_CRON = "c";
  static final String SC_ZONE = "z";
  static final String SC_INPUT = "i";
  static final String SC_NO_OVERLAP = "o";
  static final String SC_CREATED = "a";
  static final String SC_LAST_TICK = "t";
  static final String SC_LAST_WORKFLOW = "w";
  static final String SC_SKIPPED = "k";
  static final String SC_FIRED = "F";
  static final String SC_SKIP = "S";
  static final String SCHEDULE_GONE = "G";

  // Format hash fields.
  static final String FORMAT_VERSION = "version";
  static final String FORMAT_SHARDS = "shards";

  private final String prefix;
  private final int shards;

  RedisLayout(String prefix, int shards) {
    checkPrefix(prefix);
    if (shards < 1) {
      throw new IllegalArgumentException("a namespace needs at least one shard, not " + shards);
    }
    this.prefix = prefix;
    this.shards = shards;
  }

  static String checkPrefix(String prefix) {
    if (prefix.isEmpty() || prefix.contains("{") || prefix.contains("}")) {
      throw new IllegalArgumentException(
          "key prefix '" + prefix + "' must be non-empty and free of braces (they are hash tags)");
    }
    return prefix;
  }

  int shards() {
    return shards;
  }

  /** The workflow's shard: a hash of its id that never changes for a namespace. */
  int shard(String id) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() % shards);
  }

  String format() {
    return format(prefix);
  }

  /** The namespace's format hash, readable before the shard count is known. */
  static String format(String prefix) {
    return prefix + ":format";
  }

  /** The lock the first engine of a new format takes while it migrates the namespace. */
  static String migrationLock(String prefix) {
    return prefix + ":format:lock";
  }

  /** The names of the namespace's schedules: one set, bounded by their number. */
  static String scheduleNames(String prefix) {
    return prefix + ":{sch}:names";
  }

  static String schedule(String prefix, String name) {
    return prefix + ":{sch}:s:" + name;
  }

  static String scheduleFirings(String prefix, String name) {
    return prefix + ":{sch}:r:" + name;
  }

  /** The namespace's handler limits: one small hash, read by every engine every second or so. */
  String limits() {
    return prefix + ":{lim}:limits";
  }

  /**
   * What a handler version's lease keys start with: their own hash tag, so one script takes a lease
   * and its rate slot in one slot, never the workflow's.
   */
  String limited(String handlerKey) {
    return prefix + ":{lim:" + handlerKey + "}:";
  }

  // What a workflow's other keys add to its hash's key (the same in format 1).
  static final String KEY_HISTORY = ":h";
  static final String KEY_ENTRY = ":e:";
  static final String KEY_PAGE = ":p";

  /** The workflow hash; every other key of the workflow starts with it. */
  String workflow(String id) {
    return prefix + ":{" + shard(id) + "}" + id;
  }

  String history(String id) {
    return workflow(id) + KEY_HISTORY;
  }

  String entry(String id, int entry) {
    return entryBase(id) + entry;
  }

  /**
   * Page {@code page} (at least 1) of the entry whose key is {@code entryKey}: {@code token} is
   * empty unless the pages were staged.
   */
  static String page(String entryKey, int page, String token) {
    return entryKey + KEY_PAGE + page + (token.isEmpty() ? "" : "." + token);
  }

  /** What an entry key is with its number left off, for a script that walks the entries. */
  String entryBase(String id) {
    return workflow(id) + KEY_ENTRY;
  }

  /**
   * Index buckets per shard: 64 x 16 sets per status and definition stay listpacks (up to 128
   * members each) until about 100,000 workflows of one definition share a status.
   */
  static final int INDEX_BUCKETS = 16;

  /** What every index set of workflow {@code id}'s bucket at a status starts with: + definition. */
  String indexBase(String id, WorkflowStatus status) {
    return indexBase(shard(id), bucket(id, INDEX_BUCKETS), status);
  }

  private String indexBase(int shard, int bucket, WorkflowStatus status) {
    return prefix
        + ":{"
        + shard
        + "}:ix:"
        + bucket
        + ":"
        + status.name().toLowerCase(Locale.ROOT)
        + ":";
  }

  /** The index set of workflow {@code id}'s bucket at {@code status} for {@code definition}. */
  String index(String id, WorkflowStatus status, String definition) {
    return indexBase(id, status) + definition;
  }

  String index(int shard, int bucket, WorkflowStatus status, String definition) {
    return indexBase(shard, bucket, status) + definition;
  }

  /** Format 2's one index set of a shard, status and definition, read once to migrate it. */
  String unbucketedIndex(int shard, WorkflowStatus status, String definition) {
    return prefix
        + ":{"
        + shard
        + "}:ix:"
        + status.name().toLowerCase(Locale.ROOT)
        + ":"
        + definition;
  }

  /** What starts the job part of a deadline member that stands for a run of jobs (DeadlineRuns). */
  static final String DEADLINE_RUN = "g";

  /** Deadline buckets per shard: 64 x 16 sets of up to 128 members stay listpacks. */
  static final int DEADLINE_BUCKETS = 16;

  /** Bucket {@code bucket} of shard {@code shard}'s attempt deadlines. */
  String deadlines(int shard, int bucket) {
    return prefix + ":{" + shard + "}:dl:" + bucket;
  }

  /** The deadline set of workflow {@code id}'s attempts. */
  String deadlines(String id) {
    return deadlines(shard(id), bucket(id, DEADLINE_BUCKETS));
  }

  /**
   * Workflow {@code id}'s bucket of {@code buckets} within its shard (independent of the shard).
   */
  int bucket(String id, int buckets) {
    CRC32 crc = new CRC32();
    crc.update(id.getBytes(StandardCharsets.UTF_8));
    return (int) (crc.getValue() / shards % buckets);
  }

  /** Shard {@code shard}'s retries waiting for their backoff. */
  String dueRetries(int shard) {
    return prefix + ":{" + shard + "}:due";
  }

  String indexedDefinitions(int shard) {
    return prefix + ":{" + shard + "}:ix:defs";
  }

  /** The one-letter status stored in the workflow hash. */
  static String status(WorkflowStatus status) {
    return status.name().substring(0, 1);
  }
}
