package io.phaseflow.engine.deployed;

import io.phaseflow.engine.RejectedInput;
import io.phaseflow.engine.definition.HandlerReference;
import io.phaseflow.engine.definition.SemanticVersion;
import io.phaseflow.engine.definition.VersionRequirement;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import io.phaseflow.handlers.protocol.Queues;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves a definition's version requirement ({@code "~> 1.2"}) to the newest version of the
 * handler that is deployed now and satisfies it: its major is the queue the jobs go to, its full
 * version what the history records. A requirement nothing deployed satisfies is refused with the
 * versions that are deployed, never sent to a queue nobody serves. A plain major ({@code 2}) keeps
 * its old meaning: that major's queue, whether or not anything serves it yet (status then says so).
 * Thread-safe.
 */
public final class HandlerVersions {
  private static final Logger log = LoggerFactory.getLogger(HandlerVersions.class);

  /** How stale the directory's word may be: a second, so a handler just started is seen soon. */
  static final long REREAD_MILLIS = 1_000;

  /** The versions of each handler deployed now, by name. */
  private final Supplier<Map<String, List<SemanticVersion>>> deployed;

  /**
   * @param deployed the live versions of each handler by name, read once per resolution (pass a
   *     cached view: see {@link #cached})
   */
  public HandlerVersions(Supplier<Map<String, List<SemanticVersion>>> deployed) {
    this.deployed = deployed;
  }

  /** Resolves nothing: every requirement falls back to its lowest major, as before versions. */
  public static final HandlerVersions NONE = new HandlerVersions(Map::of);

  /**
   * What a requirement resolved to.
   *
   * @param major the queue's major version
   * @param semver the full version chosen; null for a plain major nothing serves yet
   */
  public record Resolved(int major, String semver) {}

  /**
   * The version the jobs of {@code ref} go to.
   *
   * @throws RejectedInput naming the handler, the requirement and what is deployed, when nothing
   *     deployed satisfies a requirement other than a plain major
   */
  public Resolved resolve(HandlerReference ref) {
    if (ref.requirement().plainMajor()) { // its queue is known: no need to read the directory
      return new Resolved(ref.version(), null);
    }
    return choose(
        ref.name(), ref.requirement(), deployed.get().getOrDefault(ref.name(), List.of()));
  }

  /**
   * The history note of a phase's resolved requirements: {@code versions: PageDownloader ~> 1.2 =
   * 1.4.0}, or null when every requirement is a plain major.
   */
  public String note(Collection<HandlerReference> refs) {
    List<String> parts = new ArrayList<>();
    for (HandlerReference ref : refs) {
      if (!ref.requirement().plainMajor()) {
        parts.add(ref.label() + " = " + resolve(ref).semver());
      }
    }
    return parts.isEmpty() ? null : "versions: " + String.join(", ", parts);
  }

  /** The choice for {@code requirement} among the {@code live} versions of handler {@code name}. */
  static Resolved choose(String name, VersionRequirement requirement, List<SemanticVersion> live) {
    SemanticVersion newest =
        live.stream().filter(requirement::admits).max(SemanticVersion::compareTo).orElse(null);
    if (newest == null) {
      if (requirement.plainMajor()) {
        return new Resolved(requirement.lowest().major(), null);
      }
      throw new RejectedInput(
          "handler "
              + name
              + ": no deployed version satisfies '"
              + requirement
              + "' ("
              + requirement.range()
              + "); deployed: "
              + (live.isEmpty() ? "none" : sorted(live))
              + "; deploy one (phaseflow handlers --jar with a "
              + name
              + " whose semver() is in that range) or change the definition's \"version\"");
    }
    // Versions of one major share its queue: an older one that falls short would take jobs too.
    List<SemanticVersion> sharing =
        live.stream().filter(v -> v.major() == newest.major() && !requirement.admits(v)).toList();
    if (!sharing.isEmpty()) {
      throw new RejectedInput(
          "handler "
              + name
              + ": '"
              + requirement
              + "' resolves to "
              + newest
              + ", but "
              + sorted(sharing)
              + " also serve "
              + Queues.handler(name, newest.major())
              + " and would take some of its jobs; stop those processes or widen the"
              + " requirement");
    }
    return new Resolved(newest.major(), newest.toString());
  }

  private static String sorted(Collection<SemanticVersion> versions) {
    return new TreeSet<>(versions).stream().map(SemanticVersion::toString).toList().toString();
  }

  /**
   * The live versions of each handler, from {@code sightings}, at {@code now}: a full version that
   * does not parse is left out. Pure.
   */
  public static Map<String, List<SemanticVersion>> live(
      Collection<HandlerSighting> sightings, long now) {
    Map<String, TreeSet<SemanticVersion>> byName = new TreeMap<>();
    for (HandlerSighting s : sightings) {
      if (now - s.seenAt() > HandlerDirectory.ALIVE.toMillis()) {
        continue;
      }
      SemanticVersion version;
      try {
        version = SemanticVersion.parse(s.semver());
      } catch (IllegalArgumentException e) {
        continue; // not written by this code's announcer: not a version to route to
      }
      byName.computeIfAbsent(s.name(), n -> new TreeSet<>()).add(version);
    }
    Map<String, List<SemanticVersion>> out = new TreeMap<>();
    byName.forEach((n, v) -> out.put(n, List.copyOf(v)));
    return out;
  }

  /**
   * The versions an engine routes to: with a cluster's directory, what its handlers processes
   * announced within {@link HandlerDirectory#ALIVE} (read at most once a second; when a read fails
   * the last answer stands); with none ({@code run}, tests), the handlers this process runs.
   */
  /** The versions of the handlers this process runs, with no directory to ask ({@code run}). */
  public static HandlerVersions local(HandlerRegistry local) {
    return new HandlerVersions(() -> live(local));
  }

  public static HandlerVersions of(HandlerDirectory directory, HandlerRegistry local, Clock clock) {
    if (directory == HandlerDirectory.NONE) {
      return local(local);
    }
    return new HandlerVersions(
        new Supplier<>() {
          private Map<String, List<SemanticVersion>> value = Map.of();
          private long readAt = Long.MIN_VALUE;

          @Override
          public synchronized Map<String, List<SemanticVersion>> get() {
            long now = clock.millis();
            if (readAt == Long.MIN_VALUE || now - readAt >= REREAD_MILLIS) {
              try {
                value = live(directory.sightings(), now);
              } catch (RuntimeException e) {
                log.warn("cannot read the handler directory: {}", e.getMessage());
              }
              readAt = now;
            }
            return value;
          }
        });
  }

  /** The versions of the handlers in {@code registry}, by name. */
  static Map<String, List<SemanticVersion>> live(HandlerRegistry registry) {
    Map<String, List<SemanticVersion>> out = new TreeMap<>();
    for (Handler h : registry.all()) {
      out.computeIfAbsent(h.name(), n -> new ArrayList<>()).add(SemanticVersion.parse(h.semver()));
    }
    return out;
  }
}
