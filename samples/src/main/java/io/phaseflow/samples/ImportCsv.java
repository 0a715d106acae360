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
    String csv = Json.payloadOrData(job, "csv");
    if (csv == null) {
      throw Json.badInput(job, "no CSV text: give payload.csv or data.csv as a string");
    }
    String column = Json.at(job.payload(), "amount_column").asText("amount");
    List<List<String>> rows;
    try {
      rows = Csv.parse(csv);
    } catch (IllegalArgumentException e) {
      throw Json.badInput(job, "malformed CSV: " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw Json.badInput(job, "CSV text has no header row");
    }
    List<String> header = rows.get(0).stream().map(String::strip).toList();
    int amountAt = header.indexOf(column);
    if (amountAt < 0) {
      throw Json.badInput(job, "CSV header " + header + " has no column \"" + column + "\"");
    }
    BigDecimal total = BigDecimal.ZERO;
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != header.size()) {
        throw Json.badInput(
            job, "CSV record " + r + " has " + row.size() + " fields, the header " + header.size());
      }
      total = total.add(Imports.amount(job, row.get(amountAt), "CSV record " + r));
    }
    return JobResult.success(Imports.output("csv", rows.size() - 1, total));
  }
}
