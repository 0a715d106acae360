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
    List<List<String>> rows = Csv.table(job);
    List<String> header = rows.get(0);
    ObjectNode out = Json.object();
    ArrayNode records = out.putArray("rows");
    for (int r = 1; r < rows.size(); r++) {
      List<String> row = rows.get(r);
      ObjectNode record = records.addObject();
      for (int c = 0; c < header.size(); c++) {
        record.put(header.get(c), row.get(c));
      }
    }
    return JobResult.success(out);
  }
}
