package io.phaseflow.samples;

import io.phaseflow.handlers.Handler;
import io.phaseflow.handlers.HandlerRegistry;
import java.util.List;

/**
 * The sample handlers the definitions in {@code definitions/} name. They do real, local work (no
 * network) and are stateless, so one instance of each may serve any number of threads.
 */
public final class SampleHandlers {
  private SampleHandlers() {}

  /** One instance of every sample handler, sorted by name. */
  public static List<Handler> all() {
    return List.of(
        new BookSplit(),
        new BookSplitter(),
        new CountSummer(),
        new DownloadCsv(),
        new ErrorEmailer(),
        new ErrorReporter(),
        new GenReport(),
        new GoogleSearcher(),
        new ImportCsv(),
        new ImportCsvRow(),
        new ImportXml(),
        new JobFinisher(),
        new LocalSearcher(),
        new Noop(),
        new NoopFanout(),
        new PageDownloader(),
        new PageSummarizer(),
        new PaymentSettler(),
        new PaymentValidator(),
        new SectionCounter(),
        new SegmentWordCounts(),
        new Sleeper(),
        new StoreTitle(),
        new SumSplits(),
        new TaskHandler());
  }

  /** A new registry holding {@link #all()}. */
  public static HandlerRegistry registry() {
    return HandlerRegistry.of(all());
  }
}
