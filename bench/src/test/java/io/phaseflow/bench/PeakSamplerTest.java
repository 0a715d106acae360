package io.phaseflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PeakSamplerTest {

  @ParameterizedTest(name = "{0} -> peak {1} of {2} reads")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          5             | 5   | 1
          1 9 3         | 9   | 3
          -4 -2 -8      | -2  | 3
          7 7 7 7       | 7   | 4
          """)
  void keepsTheLargestSample(String samples, long max, int count) {
    PeakSampler.Peak peak = PeakSampler.Peak.NONE;
    for (String s : samples.split(" ")) {
      peak = peak.plus(Long.parseLong(s));
    }

    assertThat(peak.max()).isEqualTo(max);
    assertThat(peak.samples()).isEqualTo(count);
    assertThat(peak.maxOr(Long.MAX_VALUE)).isEqualTo(max);
  }

  @Test
  void withNoSampleThePeakIsWhatTheCallerGives() {
    assertThat(PeakSampler.Peak.NONE.maxOr(42)).isEqualTo(42);
    assertThat(PeakSampler.Peak.NONE.failedOnce().maxOr(42)).isEqualTo(42);
  }

  /** The peak of a rise and fall is kept after the fall; a failed read is counted, not fatal. */
  @Test
  void aSamplerKeepsThePeakOfWhatItReadAndCountsFailedReads() throws Exception {
    long[] values = {10, 0, 50, 20}; // the second read fails; 20 from the fourth on
    AtomicInteger reads = new AtomicInteger();
    CountDownLatch enough = new CountDownLatch(values.length);
    LongSupplier read =
        () -> {
          int n = reads.getAndIncrement();
          enough.countDown();
          if (n == 1) {
            throw new IllegalStateException("Redis timed out");
          }
          return values[Math.min(n, values.length - 1)];
        };
    PeakSampler sampler = new PeakSampler("test", read, Duration.ofMillis(1)).start();
    assertThat(enough.await(30, TimeUnit.SECONDS)).isTrue();

    PeakSampler.Peak peak = sampler.stop();

    assertThat(peak.failed()).isEqualTo(1);
    assertThat(peak.samples()).isEqualTo(reads.get() - 1);
    assertThat(peak.max()).isEqualTo(50);
    assertThat(sampler.stop()).as("stopped: the same peak again").isEqualTo(peak);
  }
}
