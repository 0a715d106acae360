package io.phaseflow.samples;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.Job;
import io.phaseflow.handlers.JobResult;
import java.util.List;

/**
 * Seed 002's download step: "downloads" the CSV text of {@code payload.csv} (or {@code data.csv};
 * the samples reach no network) and hands its records on as {@code {"rows": [{"column": value,
 * ...}, ...]}}, for a job per row after it.
 */
public final class DownloadCsv implements Handler {

  @Override
  public String name() {
    return "DownloadCsv";
  }

  @Override
  public JobResult process(Job job) {
    String csv = Json.payloadOrData(job, "csv");
    if (csv == null) {
      throw Json.badInput(job, "no CSV text: give payload.csv or data.csv as a string");
    }
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
    ObjectNode out = Json.object();
    ArrayNode records = out.putArray("rows");
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      if (row.size() != header.size()) {
        throw Json.badInput(
            job, "CSV record " + r + " has " + row.size() + " fields, the header " + header.size());
      }
      ObjectNode record = records.addObject();
      for (int c = 0; c < header.size(); c++) {
        record.put(header.get(c), row.get(c));
      }
    }
    return JobResult.success(out);
  }
}
