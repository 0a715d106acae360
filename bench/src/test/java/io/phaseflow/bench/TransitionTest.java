package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.plan.JobSpec;
import io.phaseflow.engine.state.EntryRecord;
import io.phaseflow.engine.state.JobRecord;
import io.phaseflow.engine.state.JobStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransitionTest {

  @ParameterizedTest(name = "jobs ended {0}, closed {1}, opened {2}, published {3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          # ends of the left entry's jobs | closed | opened | published | total | hop 1 | hop 2
          100 105 103                     | 103    | 108    | 111       | 6     | 3     | 3
          100                             | 100    | 100    | 100       | 0     | 0     | 0
          0 0                             | 90     | 95     | 97        | 7     | 5     | 2
          110                             | 110    | 109    | 112       | 2     | 0     | 3
          100                             | 100    | 104    | -1        | 0     | 4     | 0
          """)
  void measuresFromTheLatestJobEndThroughTheMoveToThePublish(
      String ends,
      long closed,
      long opened,
      long published,
      long total,
      long toStored,
      long toPublished) {
    List<JobRecord> jobs = new ArrayList<>();
    for (String end : ends.split(" ")) {
      JobSpec spec =
          new JobSpec(
              jobs.size(), "Noop", "Noop", 1, 3, JsonNodeFactory.instance.nullNode(), List.of());
      jobs.add(
          new JobRecord(spec, JobStatus.SUCCEEDED, 1, null, null).ended(0, Long.parseLong(end)));
    }
    EntryRecord left = EntryRecord.of(1, "a", 50, closed, null, jobs);
    EntryRecord next = EntryRecord.of(2, "b", opened, 0, null, List.of());

    Transition t = Transition.of(jobs, left, next, published);

    assertThat(t.wasPublished()).isEqualTo(published >= 0);
    assertThat(t.total()).isEqualTo(total);
    assertThat(t.toStored()).isEqualTo(toStored);
    assertThat(t.toPublished()).isEqualTo(toPublished);
  }
}
