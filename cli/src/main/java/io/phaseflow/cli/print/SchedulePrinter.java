package io.phaseflow.cli.print;

import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.ScheduleState;
import io.phaseflow.engine.schedule.ScheduleView;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Schedules as {@code phaseflow schedule} prints them. Pure. */
public final class SchedulePrinter {
  private SchedulePrinter() {}

  /**
   * A table by name: definition, cron, next run, last fired tick, its workflow and status, overlap
   * policy and skipped ticks. Times are UTC.
   */
  public static String list(List<ScheduleView> views, String where) {
    if (views.isEmpty()) {
      return "no schedules in " + where + "\n";
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(
        List.of(
            "NAME",
            "DEFINITION",
            "CRON",
            "NEXT RUN (UTC)",
            "LAST FIRED (UTC)",
            "LAST WORKFLOW",
            "STATUS",
            "OVERLAP",
            "SKIPPED"));
    for (ScheduleView v : views) {
      Schedule s = v.schedule();
      ScheduleState st = v.state();
      rows.add(
          List.of(
              s.name(),
              s.definition(),
              cron(s.cron()),
              v.nextRun().isPresent() ? TimeFormat.dateTime(v.nextRun().getAsLong()) : "never",
              st.lastFired().map(f -> TimeFormat.dateTime(f.tick())).orElse("-"),
              st.lastWorkflow() == null ? "-" : st.lastWorkflow(),
              st.lastWorkflow() == null
                  ? "-"
                  : v.lastStatus().map(x -> x.name().toLowerCase(Locale.ROOT)).orElse("not stored"),
              s.noOverlap() ? "skip" : "allow",
              Long.toString(st.skipped())));
    }
    return ListPrinter.table(rows);
  }

  /** The line {@code schedule add} prints. */
  public static String added(Schedule s, OptionalLong next) {
    return String.format(
        "schedule %s added: %s every '%s'%s; next run %s UTC%n",
        s.name(),
        s.definition(),
        cron(s.cron()),
        s.noOverlap() ? ", skipping ticks while its workflow runs" : "",
        next.isPresent() ? TimeFormat.dateTime(next.getAsLong()) : "never");
  }

  private static String cron(CronSchedule c) {
    return c.expression() + (c.zone().equals(CronSchedule.UTC) ? "" : " " + c.zone().getId());
  }
}
