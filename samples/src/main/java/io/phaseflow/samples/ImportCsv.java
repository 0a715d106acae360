package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.math.BigDecimal;
import java.util.List;

/**
 * Imports CSV text from {@code payload.csv} (or {@code data.csv}): a header row, then one record a
 * row. Output {@code {"source": "csv", "records", "total"}}, the total of the {@code amount} column
 * (or the column {@code payload.amount_column} names).
 */
public final class ImportCsv implements Handler {

  @Override
  public String name() {
    return "ImportCsv";
  }

  @Override
  public JobResult process(Job job) {
    List<List<String>> rows = Csv.table(job);
    String column = Json.at(job.payload(), "amount_column").asText("amount");
    List<String> header = rows.get(0);
    int amountAt = header.indexOf(column);
    if (amountAt < 0) {
      throw Json.badInput(job, "CSV header " + header + " has no column \"" + column + "\"");
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int r = 1; r < rows.size(); r++) {
      total = total.add(Imports.amount(job, rows.get(r).get(amountAt), "CSV record " + r));
    }
    return JobResult.success(Imports.output("csv", rows.size() - 1, total));
  }
}
