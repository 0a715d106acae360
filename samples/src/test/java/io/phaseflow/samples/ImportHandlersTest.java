package io.phaseflow.samples;

import static io.phaseflow.samples.TestJobs.job;
import static io.phaseflow.samples.TestJobs.json;
import static io.phaseflow.samples.TestJobs.wire;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.phaseflow.handlers.JobFailedException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ImportHandlersTest {
  private static final String CSV =
      "id,customer,amount\r\n1,Ada,12.50\r\n2,\"Grace, \"\"Amazing\"\"\",30.00\r\n\r\n3,Linus,7.25";
  private final ImportCsv csv = new ImportCsv();
  private final ImportXml xml = new ImportXml();
  private final GenReport report = new GenReport();

  @Test
  void csvCountsRecordsAndSumsTheAmountColumnExactly() throws Exception {
    JsonNode out = job(csv).payload(Json.object().put("csv", CSV)).runOn(csv);

    assertThat(out.get("source").asText()).isEqualTo("csv");
    assertThat(out.get("records").asInt()).isEqualTo(3);
    assertThat(out.get("total").decimalValue()).isEqualByComparingTo("49.75");
  }

  @Test
  void csvReadsDataWhenThePayloadHasNoneAndHonoursTheAmountColumn() throws Exception {
    JsonNode out =
        job(csv)
            .payload("{\"amount_column\": \"cost\"}")
            .data(Json.object().put("csv", "cost\n1\n2\n"))
            .runOn(csv);

    assertThat(wire(out)).isEqualTo(json("{\"source\": \"csv\", \"records\": 2, \"total\": 3}"));
  }

  @Test
  void csvFailsForGoodOnBadInput() throws Exception {
    assertFailsForGood(csv, "{}", "no CSV text");
    assertFailsForGood(csv, "{\"csv\": \"id,price\\n1,2\"}", "no column \"amount\"");
    assertFailsForGood(csv, "{\"csv\": \"id,amount\\n1,2\\n2,lots\"}", "CSV record 2", "lots");
    assertFailsForGood(csv, "{\"csv\": \"id,amount\\n1\"}", "CSV record 1 has 1 fields");
    assertFailsForGood(csv, "{\"csv\": \"id,amount\\n1,\\\"2\"}", "quoted field is not closed");
  }

  @Test
  void downloadHandsOnEachRecordByColumnAndEachRowImportsOneAmount() throws Exception {
    DownloadCsv download = new DownloadCsv();
    ImportCsvRow row = new ImportCsvRow();
    JsonNode rows = job(download).payload(Json.object().put("csv", CSV)).runOn(download);

    assertThat(rows.get("rows")).hasSize(3);
    assertThat(wire(rows.get("rows").get(1)))
        .isEqualTo(
            json(
                "{\"id\": \"2\", \"customer\": \"Grace, \\\"Amazing\\\"\", \"amount\": \"30.00\"}"));
    JsonNode one = job(row).payload(rows.get("rows").get(1)).runOn(row);
    assertThat(one.get("records").asInt()).isEqualTo(1);
    assertThat(one.get("total").decimalValue()).isEqualByComparingTo("30.00");
    assertFailsForGood(download, "{\"csv\": \"id,amount\\n1\"}", "CSV record 1 has 1 fields");
    assertFailsForGood(row, "{\"id\": \"1\"}", "with an amount");
  }

  @Test
  void xmlCountsOrdersAndSumsTheirAmounts() throws Exception {
    String orders =
        "<orders><order amount=\"100.00\"/><batch><order amount=\"20.50\"/></batch></orders>";
    JsonNode out = job(xml).data(Json.object().put("xml", orders)).runOn(xml);

    assertThat(out.get("source").asText()).isEqualTo("xml");
    assertThat(out.get("records").asInt()).isEqualTo(2);
    assertThat(out.get("total").decimalValue()).isEqualByComparingTo(new BigDecimal("120.50"));
  }

  @Test
  void xmlFailsForGoodOnBadInput() throws Exception {
    assertFailsForGood(xml, "{}", "no XML text");
    assertFailsForGood(xml, "{\"xml\": \"<orders><order>\"}", "malformed XML");
    assertFailsForGood(xml, "{\"xml\": \"<orders><order/></orders>\"}", "order 1 has no amount");
    assertFailsForGood(xml, "{\"xml\": \"<order amount='x'/>\"}", "XML order 1", "\"x\"");
  }

  @Test
  void xmlRefusesDoctypesSoEntitiesCannotReadFiles() throws Exception {
    String evil = "<!DOCTYPE o [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><order amount=\"&e;\"/>";

    JobFailedException e = job(xml).payload(Json.object().put("xml", evil)).failOn(xml);

    assertThat(e.retryable()).isFalse();
    assertThat(e.getMessage()).contains("DOCTYPE");
  }

  @Test
  void reportCombinesItsParentsOutputs() throws Exception {
    JsonNode out =
        job(report)
            .inputs(
                """
                {"ImportCsv": {"source": "csv", "records": 3, "total": 49.75},
                 "ImportXml": {"source": "xml", "records": 2, "total": 120.50}}
                """)
            .runOn(report);

    assertThat(out.get("records").asInt()).isEqualTo(5);
    assertThat(out.get("total").decimalValue()).isEqualByComparingTo("170.25");
    assertThat(out.get("by_task").get("ImportXml").get("records").asInt()).isEqualTo(2);
    assertThat(out.get("report").asText())
        .isEqualTo("5 record(s) from 2 import(s), total amount 170.25");
  }

  @Test
  void reportFailsForGoodWithoutImportOutputs() throws Exception {
    JobFailedException none = job(report).inputs("{}").failOn(report);
    JobFailedException odd = job(report).inputs("{\"ImportCsv\": [1]}").failOn(report);

    assertThat(none.retryable()).isFalse();
    assertThat(none.getMessage()).contains("no parent import outputs");
    assertThat(odd.getMessage()).contains("parent ImportCsv");
  }

  private static void assertFailsForGood(
      io.phaseflow.handlers.Handler handler, String payload, String... messageParts)
      throws Exception {
    JobFailedException e = job(handler).payload(payload).failOn(handler);

    assertThat(e.retryable()).as(payload).isFalse();
    assertThat(e.getMessage()).as(payload).contains(messageParts);
  }
}
