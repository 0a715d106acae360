package io.phaseflow.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.definition.ForEachPointer;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.PhaseDefinition;
import io.phaseflow.engine.definition.TaskDefinition;
import io.phaseflow.engine.deployed.HandlerVersions;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.PhaseContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.ToIntFunction;

/**
 * Decides, purely, which jobs a phase entry holds: one per {@code for_each} element, the handler's
 * own enumeration when it is known locally, else one job per handler; for a task DAG's run phase,
 * one job per task with its parents as edges. Thread-safe.
 */
public final class EntryPlanner {
  private final HandlerRegistry handlers;
  private final BiPredicate<String, Integer> enumeratesElsewhere;
  private final HandlerVersions versions;

  /**
   * @param handlers handlers known in this process, asked to enumerate their jobs, and the versions
   *     a requirement resolves to
   */
  public EntryPlanner(HandlerRegistry handlers) {
    this(handlers, (name, version) -> false);
  }

  /**
   * @param handlers handlers known in this process, asked to enumerate their jobs
   * @param enumeratesElsewhere whether a handler this process lacks enumerates its own jobs where
   *     it is deployed: planning it as one job would silently run the wrong work
   */
  public EntryPlanner(HandlerRegistry handlers, BiPredicate<String, Integer> enumeratesElsewhere) {
    this(handlers, enumeratesElsewhere, HandlerVersions.local(handlers));
  }

  /**
   * @param versions what each handler's version requirement resolves to: the major its jobs' queue
   *     is, stored in their specs
   */
  public EntryPlanner(
      HandlerRegistry handlers,
      BiPredicate<String, Integer> enumeratesElsewhere,
      HandlerVersions versions) {
    this.handlers = handlers;
    this.enumeratesElsewhere = enumeratesElsewhere;
    this.versions = versions;
  }

  /** The outputs of the latest entry of a phase, for a {@code for_each} over {@code /outputs}. */
  @FunctionalInterface
  public interface PhaseOutputs {
    /** None: no entry of any phase is known. */
    PhaseOutputs NONE = phase -> null;

    /**
     * {@code {"Handler": [output of job 0, ...]}} of the latest entry of {@code phase}, or null
     * when it has none.
     *
     * @throws RejectedInput when they are too large to read
     */
    JsonNode latest(String phase);
  }

  /** The jobs of entering {@code phase}, with no outputs of earlier phases to read. */
  public List<JobSpec> plan(
      Plan plan, String phase, String workflowId, JsonNode data, JsonNode inputs) {
    return plan(plan, phase, workflowId, data, inputs, PhaseOutputs.NONE);
  }

  /**
   * The jobs of entering {@code phase}.
   *
   * @param data the workflow's data
   * @param inputs the outputs of what ran before, by handler
   * @param outputs the outputs of earlier phases, which a {@code for_each} over {@code
   *     /outputs/<phase>/...} reads
   * @throws RejectedInput when a {@code for_each} does not select an array, a handler's enumeration
   *     fails or no deployed version satisfies a handler's requirement; the entry then fails with
   *     that message
   */
  public List<JobSpec> plan(
      Plan plan,
      String phase,
      String workflowId,
      JsonNode data,
      JsonNode inputs,
      PhaseOutputs outputs) {
    if (plan.isTaskGraph() && phase.equals(Compiler.RUN)) {
      return taskJobs(plan.tasks(), data, ref -> versions.resolve(ref).major());
    }
    PhaseDefinition definition = plan.phase(phase);
    List<JobSpec> jobs = new ArrayList<>();
    for (HandlerReference ref : definition.handlers()) {
      int major = versions.resolve(ref).major();
      for (JsonNode payload :
          payloads(plan, phase, ref, major, workflowId, data, inputs, outputs)) {
        jobs.add(
            new JobSpec(
                jobs.size(),
                ref.name(),
                ref.name(),
                major,
                ref.maxAttempts(),
                payload,
                List.of(),
                ref.policy()));
      }
    }
    if (jobs.size() > TaskFanout.MAX_JOBS_PER_ENTRY) {
      throw new RejectedInput(
          String.format(
              "workflow '%s', phase '%s': its handlers plan %,d jobs, over the limit of %,d jobs"
                  + " per entry; have each job take a batch of elements, or split the phase",
              plan.name(), phase, jobs.size(), TaskFanout.MAX_JOBS_PER_ENTRY));
    }
    return jobs;
  }

  private List<JsonNode> payloads(
      Plan plan,
      String phase,
      HandlerReference ref,
      int major,
      String workflowId,
      JsonNode data,
      JsonNode inputs,
      PhaseOutputs outputs) {
    if (ref.forEach() != null) {
      ObjectNode root = JsonNodeFactory.instance.objectNode();
      root.set("data", data);
      root.set("inputs", inputs);
      try {
        ForEachPointer pointer = ForEachPointer.parse(ref.forEach());
        List<String> segments = pointer.segments();
        if (segments.get(0).equals("outputs") && segments.size() > 1) {
          JsonNode earlier = outputs.latest(segments.get(1));
          if (earlier == null) {
            throw new RejectedInput(
                where(plan, phase, ref)
                    + ": for_each '"
                    + ref.forEach()
                    + "': phase '"
                    + segments.get(1)
                    + "' has not run yet in this workflow, so it has no outputs to fan out over");
          }
          root.putObject("outputs").set(segments.get(1), earlier);
        }
        return pointer.select(root);
      } catch (IllegalArgumentException e) {
        throw new RejectedInput(
            where(plan, phase, ref) + ": for_each '" + ref.forEach() + "': " + e.getMessage(), e);
      }
    }
    Optional<Handler> local = handlers.find(ref.name(), major);
    if (local.isEmpty()) {
      if (enumeratesElsewhere.test(ref.name(), major)) {
        throw new RejectedInput(
            where(plan, phase, ref)
                + " v"
                + major
                + " enumerates its own jobs (its jobs() method), but this engine does not have"
                + " its code, so it cannot ask it which jobs to run; start the engines with --jar"
                + " and the jar that holds "
                + ref.name());
      }
      return List.of(NullNode.getInstance());
    }
    try {
      List<JsonNode> payloads = local.get().jobs(new PhaseContext(workflowId, phase, data, inputs));
      return payloads == null ? List.of() : payloads;
    } catch (RuntimeException e) {
      throw new RejectedInput(
          where(plan, phase, ref) + ": enumerating jobs failed: " + e.getMessage(), e);
    }
  }

  private static String where(Plan plan, String phase, HandlerReference ref) {
    return "workflow '" + plan.name() + "', phase '" + phase + "', handler " + ref.name();
  }

  /**
   * One job per task, at the task's index; a task with a {@code for_each} is a gate ({@link
   * Fanout}) whose element jobs follow all the tasks' jobs: over {@code /data} they are planned
   * here, over {@code /outputs} the store appends them when the task's last parent succeeds.
   *
   * @throws RejectedInput naming the task and its pointer when a {@code /data} pointer selects no
   *     array or too many elements
   */
  static List<JobSpec> taskJobs(List<TaskDefinition> tasks, JsonNode data) {
    return taskJobs(tasks, data, HandlerReference::version);
  }

  /**
   * @param majorOf the major a task's handler resolves to
   */
  private static List<JobSpec> taskJobs(
      List<TaskDefinition> tasks, JsonNode data, ToIntFunction<HandlerReference> majorOf) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < tasks.size(); i++) {
      index.put(tasks.get(i).name(), i);
    }
    List<JobSpec> jobs = new ArrayList<>(tasks.size());
    List<JobSpec> elements = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      TaskDefinition task = tasks.get(i);
      HandlerReference ref = task.handler();
      JobSpec job =
          new JobSpec(
              i,
              task.name(),
              ref.name(),
              majorOf.applyAsInt(ref),
              ref.maxAttempts(),
              task.payload() == null ? NullNode.getInstance() : task.payload(),
              task.parents().stream().map(index::get).toList(),
              ref.policy(),
              fanout(task, index));
      if (job.isGate() && !job.fanout().expanded() && job.fanout().sources().isEmpty()) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.set("data", data == null ? NullNode.getInstance() : data);
        TaskFanout.Expansion e = TaskFanout.expand(job, root, tasks.size() + elements.size());
        if (e.failed()) {
          throw new RejectedInput(e.error());
        }
        job = job.expandedAt(tasks.size() + elements.size(), e.elements().size());
        elements.addAll(e.elements());
      }
      jobs.add(job);
    }
    jobs.addAll(elements);
    return jobs;
  }

  /** The task's gate: over /data not yet expanded and sourceless, over /outputs its sources. */
  private static Fanout fanout(TaskDefinition task, Map<String, Integer> index) {
    if (task.forEach() == null) {
      return null;
    }
    if (task.itemListKey() != null) { // looked up in every parent's output, then in the data
      return Fanout.pending(task.forEach(), task.parents().stream().map(index::get).toList());
    }
    List<String> segments = ForEachPointer.parse(task.forEach()).segments();
    if (segments.get(0).equals("outputs")) {
      return Fanout.pending(task.forEach(), List.of(index.get(segments.get(1))));
    }
    return Fanout.pending(task.forEach(), List.of());
  }
}
