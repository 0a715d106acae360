package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;

/**
 * Seed 002's per-row import: one CSV record (the job's payload, {@code {"amount": "12.50", ...}},
 * as {@link DownloadCsv} hands it on). Output {@code {"source": "csv row", "records": 1, "total"}},
 * the record's amount.
 */
public final class ImportCsvRow implements Handler {

  @Override
  public String name() {
    return "ImportCsvRow";
  }

  @Override
  public JobResult process(Job job) {
    String amount = Json.at(job.payload(), "amount").asText(null);
    if (amount == null) {
      throw Json.badInput(job, "payload must be a CSV record with an amount, got " + job.payload());
    }
    return JobResult.success(
        Imports.output("csv row", 1, Imports.amount(job, amount, "the record's amount")));
  }
}
