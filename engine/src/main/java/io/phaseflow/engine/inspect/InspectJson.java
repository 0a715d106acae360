package io.phaseflow.engine.inspect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.state.ControlAction;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.state.JobCounts;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.RetriedAttempt;
import io.phaseflow.engine.state.TransitionRecord;
import io.phaseflow.engine.state.WorkflowRecord;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The JSON shapes of workflows, listings and histories: one writer for {@code --json} on the CLI
 * and for the HTTP API, so scripts see the same fields everywhere. Times are epoch milliseconds.
 */
public final class InspectJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private InspectJson() {}

  /** A listing page: {@code {"workflows": [...], "next": cursor or null}}. */
  public static ObjectNode listing(Inspector.Listing listing) {
    ObjectNode page = F.objectNode();
    ArrayNode items = page.putArray("workflows");
    listing.workflows().forEach(s -> items.add(summary(s.workflow(), s.current())));
    page.put("next", listing.next());
    return page;
  }

  /** A workflow as listed: where it stands and how far its current phase has got. */
  public static ObjectNode summary(WorkflowRecord wf, EntryRecord current) {
    ObjectNode o = F.objectNode();
    o.put("id", wf.id());
    o.put("definition", wf.definition());
    o.put("version", wf.version());
    o.put("status", wf.status().name().toLowerCase(Locale.ROOT));
    o.put("phase", wf.phase());
    o.put("entry", wf.entry());
    o.put("viaError", wf.viaError());
    o.put("priority", wf.priority().wire());
    o.put("createdAt", wf.createdAt());
    o.put("updatedAt", wf.updatedAt());
    if (current != null) {
      o.set("progress", counts(current.jobs()));
    }
    return o;
  }

  /**
   * A workflow in full: its summary, input, current entry per handler and per job ({@code perJob}:
   * every job when it has at most {@link Inspector#JOBS_READ}, else none; {@code moreJobs}: how
   * many are left out), phases, history and, for a task DAG, its tasks.
   */
  public static ObjectNode workflow(WorkflowView view, long now) {
    WorkflowView.Tasks tasks = view.tasks();
    ObjectNode o = summary(view.workflow(), tasks != null ? tasks.entry() : view.current());
    o.set("input", view.workflow().data());
    ArrayNode actions = o.putArray("actions"); // what the dashboard offers as buttons
    ControlAction.possible(view.workflow().status()).forEach(a -> actions.add(a.verb()));
    EntryRecord e = view.current();
    if (e != null) {
      ObjectNode current = o.putObject("current");
      current.put("entry", e.entry());
      current.put("phase", e.phase());
      current.put("openedAt", e.openedAt());
      current.put("closedAt", e.closedAt() == 0 ? null : e.closedAt());
      current.put("error", e.error());
      current.set("jobs", counts(e.jobs()));
      if (!e.retried().isEmpty()) {
        current.set("retried", retried(e.retried()));
      }
      current.set("handlers", handlers(e.byHandler()));
      if (e.jobs().total() > 0) {
        current.set("perJob", jobs(view.jobs(), Inspector.JOBS_READ));
        current.put(
            "moreJobs", e.jobs().total() - Math.min(view.jobs().size(), Inspector.JOBS_READ));
      }
    }
    ObjectNode phases = o.putObject("phases");
    view.phases(now)
        .forEach(
            (name, p) -> {
              ObjectNode n = phases.putObject(name);
              n.put("state", p.state().name().toLowerCase(Locale.ROOT));
              n.put("visits", p.visits());
              n.put("millis", p.millis());
              n.set("jobs", counts(p.jobs()));
              n.set("handlers", handlers(p.byHandler()));
            });
    o.set("history", history(view.history()));
    if (tasks != null) {
      o.set("tasks", tasks(tasks));
    }
    return o;
  }

  /**
   * A task DAG's run entry task by task: {@code {"entry", "openedAt", "closedAt", "jobs":
   * [{"index", "name", "handler", "status", "attempts", "startedAt", "endedAt", "parents": [names],
   * "error"}]}}; a time is null while unknown (a job not ended, or skipped).
   */
  public static ObjectNode tasks(WorkflowView.Tasks tasks) {
    ObjectNode o = F.objectNode();
    EntryRecord e = tasks.entry();
    o.put("entry", e.entry());
    o.put("openedAt", e.openedAt());
    o.put("closedAt", e.closedAt() == 0 ? null : e.closedAt());
    ArrayNode jobs = o.putArray("jobs");
    tasks.jobs().forEach(j -> jobs.add(job(j, tasks.parents(j))));
    return o;
  }

  /** One job of an entry: what it is, where it stands, when it ran. */
  public static ObjectNode job(JobRecord j, List<String> parents) {
    ObjectNode o = F.objectNode();
    o.put("index", j.spec().index());
    o.put("name", j.spec().name());
    o.put("handler", j.spec().handler());
    o.put("status", j.status().name().toLowerCase(Locale.ROOT));
    o.put("attempts", j.attempt());
    o.put("startedAt", j.startedAt() == 0 ? null : j.startedAt());
    o.put("endedAt", j.endedAt() == 0 ? null : j.endedAt());
    ArrayNode ps = o.putArray("parents");
    parents.forEach(ps::add);
    o.put("error", j.error());
    return o;
  }

  /**
   * An ended workflow's result: {@code {"id", "status", "phase", "entry", "result"}}, where {@code
   * phase} and {@code entry} name the entry whose outputs {@code result} holds (null when no entry
   * ran jobs).
   */
  public static ObjectNode result(WorkflowResult r) {
    ObjectNode o = F.objectNode();
    o.put("id", r.workflow().id());
    o.put("status", r.workflow().status().name().toLowerCase(Locale.ROOT));
    o.put("phase", r.phase());
    if (r.entry() == 0) {
      o.putNull("entry");
    } else {
      o.put("entry", r.entry());
    }
    o.set("result", r.value());
    return o;
  }

  /**
   * Jobs of an entry, the first {@code limit}: {@code [{"job", "name", "handler", "status",
   * "attempt", "output", "error"}]} ({@code output} null unless succeeded, {@code error} unless
   * failed).
   */
  public static ArrayNode jobs(List<JobRecord> jobs, int limit) {
    ArrayNode out = F.arrayNode();
    for (JobRecord j : jobs.subList(0, Math.min(limit, jobs.size()))) {
      ObjectNode o = out.addObject();
      o.put("job", j.spec().index());
      o.put("name", j.spec().name());
      o.put("handler", j.spec().handler());
      o.put("status", j.status().name().toLowerCase(Locale.ROOT));
      o.put("attempt", j.attempt());
      o.set("output", j.output() == null ? F.nullNode() : j.output());
      o.put("error", j.error());
    }
    return out;
  }

  public static ArrayNode history(List<TransitionRecord> history) {
    ArrayNode lines = F.arrayNode();
    for (TransitionRecord t : history) {
      ObjectNode line = lines.addObject();
      line.put("from", t.from());
      line.put("to", t.to());
      line.put("reason", t.reason().wire());
      line.put("error", t.error());
      if (t.reason().control()) {
        line.put("by", t.by());
        line.put("note", t.note());
      } else if (t.note() != null) { // the versions the entered phase's requirements resolved to
        line.put("note", t.note());
      }
      line.put("enteredAt", t.enteredAt());
      line.put("at", t.at());
      line.put("durationMillis", t.durationMillis());
      line.set("jobs", counts(t.jobs()));
      line.set("handlers", handlers(t.byHandler()));
      if (!t.retried().isEmpty()) {
        line.set("retried", retried(t.retried()));
      }
    }
    return lines;
  }

  /**
   * Job attempts that failed or timed out and were tried again: {@code [{"job", "name", "attempt",
   * "startedAt", "endedAt", "error", "delayMillis"}]}.
   */
  public static ArrayNode retried(List<RetriedAttempt> attempts) {
    ArrayNode out = F.arrayNode();
    for (RetriedAttempt r : attempts) {
      out.addObject()
          .put("job", r.job())
          .put("name", r.name())
          .put("attempt", r.attempt())
          .put("startedAt", r.started())
          .put("endedAt", r.ended())
          .put("error", r.error())
          .put("delayMillis", r.delayMillis());
    }
    return out;
  }

  public static ObjectNode counts(JobCounts c) {
    ObjectNode o = F.objectNode();
    o.put("total", c.total());
    o.put("succeeded", c.succeeded());
    o.put("failed", c.failed());
    o.put("skipped", c.skipped());
    o.put("open", c.open());
    return o;
  }

  private static ObjectNode handlers(Map<String, JobCounts> byHandler) {
    ObjectNode o = F.objectNode();
    byHandler.forEach((h, c) -> o.set(h, counts(c)));
    return o;
  }

  /**
   * A handler queue as {@code GET /api/handlers} and {@code status --json} show it: its consumers
   * and ready jobs ({@code null} when the broker could not say), whether nothing consumes it, and
   * what the handler directory knows of the processes that served it.
   */
  public static ObjectNode handlerQueue(HandlerQueue q) {
    ObjectNode h = JsonNodeFactory.instance.objectNode();
    h.put("name", q.name());
    h.put("version", q.version());
    h.put("queue", q.queue());
    putCount(h, "consumers", q.consumers());
    putCount(h, "ready", q.ready());
    h.put("unserved", q.unserved());
    h.put("instances", q.deployed().map(d -> d.instances()).orElse(0));
    h.put("processes", q.deployed().map(d -> d.processes()).orElse(0));
    if (q.lastSeen() > 0) {
      h.put("lastSeen", q.lastSeen());
    } else {
      h.putNull("lastSeen");
    }
    h.put("enumerates", q.deployed().map(d -> d.enumerates()).orElse(false));
    return h;
  }

  /**
   * A handler limit as {@code /api/limits} and {@code status --json} show it: {@code {"handler",
   * "major", "max_concurrent", "max_per_second"}} (0: no limit of that kind).
   */
  public static ObjectNode handlerLimit(HandlerLimit l) {
    return JsonNodeFactory.instance
        .objectNode()
        .put("handler", l.handler())
        .put("major", l.version())
        .put("max_concurrent", l.maxConcurrent())
        .put("max_per_second", l.maxPerSecond());
  }

  /**
   * A handler limit with its usage now: {@link #handlerLimit} plus {@code "leases"} (attempts
   * holding one) and {@code "deferred"} (attempts waiting for one), across all workflows.
   */
  public static ObjectNode handlerLimitUsage(HandlerLimits.Usage u) {
    return handlerLimit(u.limit()).put("leases", u.leases()).put("deferred", u.deferred());
  }

  private static void putCount(ObjectNode o, String field, java.util.OptionalLong n) {
    if (n.isPresent()) {
      o.put(field, n.getAsLong());
    } else {
      o.putNull(field);
    }
  }
}
