package io.phaseflow.engine.state;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.engine.plan.JobSpec;

/**
 * One job of a phase entry as stored.
 *
 * @param spec what was planned
 * @param status where it stands
 * @param attempt the current attempt, 1-based
 * @param output its output once succeeded
 * @param error its failure once failed
 */
public record JobRecord(
    JobSpec spec, JobStatus status, int attempt, JsonNode output, String error) {}
