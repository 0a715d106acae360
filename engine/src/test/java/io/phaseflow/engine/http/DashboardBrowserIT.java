package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.deployed.HandlerQueue;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.engine.schedule.CronSchedule;
import io.phaseflow.engine.schedule.InMemoryScheduleStore;
import io.phaseflow.engine.schedule.Schedule;
import io.phaseflow.engine.schedule.Schedules;
import io.phaseflow.engine.state.HandlerLimit;
import io.phaseflow.engine.state.HandlerLimits;
import io.phaseflow.engine.transport.DeadLetterQueues;
import io.phaseflow.handlers.protocol.Queues;
import io.phaseflow.samples.SampleHandlers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver) against an
 * embedded engine running a workflow of Sleeper jobs: the page draws the graph with the current
 * phase highlighted, grows its timeline without a reload, and ends showing succeeded; the dead
 * letters page lists and drops the embedded bus's dead letters; the schedules page lists and
 * removes a schedule; the limits page shows a limit set through the API; the start form's key
 * starts once. Fails, never skips, when the browser is missing: ./phaseflow-test installs it; mvn
 * test needs no browser.
 */
class DashboardBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private static final InMemoryScheduleStore SCHEDULES = new InMemoryScheduleStore();
  private static Embedded embedded;
  private static HttpApi api;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser test needs "
              + CHROMIUM
              + " and "
              + CHROMEDRIVER
              + "; run ./phaseflow-test (it installs them) or apt-get install chromium"
              + " chromium-driver");
    }
    embedded = new Embedded(SampleHandlers.registry(), 2, WorkflowListener.NONE);
    try (InputStream in = DashboardBrowserIT.class.getResourceAsStream("slow-search.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      embedded.engine().plans().add(CompiledDefinition.of(json, "slow-search.json").plan());
    }
    api =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .starter(embedded.engine()::startWorkflow)
            .controller(embedded.engine().control()::apply)
            .deadLetters(DeadLetterQueues.of(embedded.bus()))
            .limits(embedded.engine().store().limits())
            .schedules(
                new Schedules(
                    SCHEDULES,
                    embedded.engine().store(),
                    DefinitionCatalog.of(embedded.engine().plans())::names,
                    Clock.systemUTC()))
            .start();
    profile = Files.createTempDirectory("phaseflow-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
            .usingAnyFreePort()
            .build();
    driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 1100));
  }

  @AfterAll
  static void stop() throws IOException {
    if (driver != null) {
      driver.quit();
    }
    if (api != null) {
      api.close();
    }
    if (embedded != null) {
      embedded.close();
    }
    if (profile != null) {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /**
   * A wait that looks again when the element it found was redrawn in between (the page re-renders
   * on every poll).
   */
  private static WebDriverWait waiting(int seconds) {
    WebDriverWait wait =
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private static By phase(String name, String state) {
    return By.cssSelector("#graph g[data-phase='" + name + "'][data-state='" + state + "']");
  }

  @Test
  void theWorkflowPageNamesTheQueueOfItsPhaseThatNothingConsumes() {
    HandlerQueue sleeper =
        new HandlerQueue(
            "Sleeper",
            1,
            "ns.phaseflow.handler.Sleeper.v1",
            OptionalLong.of(0),
            OptionalLong.of(1),
            Optional.empty());
    try (HttpApi unserved =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .handlerQueues(() -> List.of(sleeper))
            .start()) {
      String id =
          embedded.engine().startWorkflow("slow-search", JsonNodeFactory.instance.objectNode());
      driver.get(unserved.url() + "#/workflows/" + id);

      String text =
          waiting(10)
              .until(
                  ExpectedConditions.presenceOfElementLocated(
                      By.cssSelector("#unserved p[data-queue='ns.phaseflow.handler.Sleeper.v1']")))
              .getText();
      assertThat(text)
          .isEqualTo(
              "No handler consumes ns.phaseflow.handler.Sleeper.v1 (Sleeper v1, 1 ready); no"
                  + " handlers process has served it. Start one: phaseflow handlers --queue"
                  + " Sleeper:1");
      embedded.engine().await(id, Duration.ofSeconds(30));
    }
  }

  @Test
  void theWorkflowPageFollowsARunningWorkflowToItsEnd() throws IOException {
    String id =
        embedded.engine().startWorkflow("slow-search", JsonNodeFactory.instance.objectNode());
    driver.get(api.url() + "#/workflows/" + id);

    // The graph, with the phase the workflow is in highlighted.
    // While it runs the page redraws every second, so elements are read through waits that
    // look again after a redraw, never through a reference kept across one.
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#graph g[data-phase='search'][data-current='true'][data-state='active']")));
    assertThat(driver.findElements(By.cssSelector("#graph g[data-phase]"))).hasSize(5);
    assertThat(driver.findElements(By.cssSelector("#graph path.edge[data-kind='error']")))
        .hasSize(3);
    waiting(5)
        .until(ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "running"));
    // The timeline's length while search is still current, read in one script so that a redraw
    // onto the next phase cannot fall between looking at the graph and counting the rows.
    String countWhileSearchIsCurrent =
        "return document.querySelector(\"#graph g[data-phase='search'][data-current='true']\")"
            + " ? document.querySelectorAll('#timeline tbody tr').length : null";
    int rows =
        waiting(5)
            .until(d -> (Long) ((JavascriptExecutor) d).executeScript(countWhileSearchIsCurrent))
            .intValue();

    // The page moves on by itself: the next phase is highlighted and the timeline has grown.
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#graph g[data-phase='summarise'][data-current='true']")));
    assertThat(driver.findElements(By.cssSelector("#timeline tbody tr")).size())
        .isGreaterThan(rows);
    assertThat(driver.findElements(phase("search", "succeeded"))).hasSize(1);
    waiting(5)
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#graph g[data-phase='search'] [data-counts]"), "1/1 ✓"));
    screenshot("workflow-running.png");

    // And it ends showing succeeded, with every transition in the timeline.
    waiting(20)
        .until(
            ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "succeeded"));
    waiting(5).until(ExpectedConditions.presenceOfElementLocated(phase("finished", "succeeded")));
    assertThat(driver.findElements(By.cssSelector("#graph g[data-current]"))).isEmpty();
    List<String> moves =
        driver.findElements(By.cssSelector("#timeline tbody tr")).stream()
            .map(tr -> tr.getAttribute("data-from") + ">" + tr.getAttribute("data-to"))
            .toList();
    assertThat(moves)
        .containsExactly(
            ">pending", "pending>search", "search>summarise", "summarise>finished", "finished>");
    assertThat(driver.findElements(By.id("timeline-now"))).isEmpty();
    screenshot("workflow.png");

    // The listing shows it, and the definitions page draws the definition.
    driver.get(api.url() + "#/workflows");
    waiting(5)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#workflows tr[data-id='" + id + "'][data-state='succeeded']")));
    driver.get(api.url() + "#/definitions");
    waiting(5)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[data-definition='slow-search'] svg g[data-phase='summarise']")));
  }

  @Test
  void theWorkflowPagesButtonsPauseResumeAndCancelAsTheStateAllows() {
    String id =
        embedded
            .engine()
            .startWorkflow(
                "slow-search", JsonNodeFactory.instance.objectNode().put("sleep_ms", 4000));
    driver.get(api.url() + "#/workflows/" + id);

    waiting(10).until(ExpectedConditions.elementToBeClickable(action("pause"))).click();
    waiting(10)
        .until(ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "paused"));
    assertThat(driver.findElements(action("pause"))).isEmpty();
    assertThat(driver.findElements(action("resume"))).hasSize(1);
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#timeline tr[data-reason='paused']")));

    waiting(5).until(ExpectedConditions.elementToBeClickable(action("resume"))).click();
    waiting(10)
        .until(ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "running"));
    driver.findElement(By.id("control-reason")).sendKeys("wrong query");
    waiting(5).until(ExpectedConditions.elementToBeClickable(action("cancel"))).click();
    waiting(10)
        .until(ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "canceled"));
    assertThat(driver.findElements(By.cssSelector("#workflow-controls button"))).isEmpty();
    waiting(5)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#timeline tr[data-reason='canceled']"), "wrong query"));

    driver.get(api.url() + "#/workflows?state=canceled");
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#workflows tr[data-id='" + id + "'][data-state='canceled']")));
  }

  private static By action(String name) {
    return By.cssSelector("#workflow-controls button[data-action='" + name + "']");
  }

  @Test
  void aServerWithATokenAsksForItOnceAndKeepsItForTheTab() {
    String token = "browser-t0ken";
    try (HttpApi guarded =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .token(token)
            .start()) {
      driver.get(guarded.url() + "#/definitions");

      // The page loads (its files are public) and asks on the API's first 401.
      waiting(10).until(ExpectedConditions.visibilityOfElementLocated(By.id("token-form")));
      assertThat(driver.findElement(By.id("token-reason")).getText())
          .startsWith("this server needs a token");
      driver.findElement(By.id("token-input")).sendKeys("wrong");
      driver.findElement(By.id("token-submit")).click();
      waiting(10)
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("token-reason"), "the token sent is not this server's"));
      driver.findElement(By.id("token-input")).sendKeys(token);
      driver.findElement(By.id("token-submit")).click();
      waiting(10)
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("[data-definition='slow-search'] svg g[data-phase='summarise']")));
      assertThat(driver.findElements(By.id("token-form"))).isEmpty();

      // Kept for the tab's session: a reload does not ask again.
      driver.navigate().refresh();
      waiting(10)
          .until(
              ExpectedConditions.presenceOfElementLocated(
                  By.cssSelector("[data-definition='slow-search'] svg g[data-phase='summarise']")));
      assertThat(driver.findElements(By.id("token-form"))).isEmpty();
      assertThat(driver.executeScript("return sessionStorage.getItem('phaseflow.token')"))
          .isEqualTo(token);
    }
  }

  @Test
  void theSchedulesPageListsAScheduleWithItsNextRunAndRemovesIt() throws IOException {
    SCHEDULES.add(
        new Schedule(
            "nightly",
            "slow-search",
            CronSchedule.parse("0 3 * * *", "Europe/Berlin"),
            null,
            true,
            System.currentTimeMillis()));
    driver.get(api.url() + "#/schedules");

    By row = By.cssSelector("#schedules tr[data-schedule='nightly']");
    WebElement nightly = waiting(10).until(ExpectedConditions.presenceOfElementLocated(row));
    assertThat(nightly.getText())
        .contains("slow-search", "0 3 * * * Europe/Berlin", "skip while running");
    assertThat(nightly.findElement(By.cssSelector("td[data-next]")).getText()).isNotBlank();
    assertThat(driver.findElement(By.cssSelector("nav a.on")).getText()).isEqualTo("Schedules");
    screenshot("schedules.png");

    waiting(5)
        .until(
            d -> {
              d.findElement(By.cssSelector("#schedules button[data-remove='nightly']")).click();
              return true;
            });
    waiting(10).until(ExpectedConditions.textToBe(By.id("schedules-empty"), "No schedules"));
    assertThat(SCHEDULES.list()).isEmpty();
    assertThat(driver.findElement(By.id("schedule-message")).getText()).isEmpty();
  }

  @Test
  void theLimitsPageShowsALimitSetThroughTheApiAndItsUsageWithoutAReload() throws IOException {
    HandlerLimits limits = embedded.engine().store().limits();
    driver.get(api.url() + "#/limits");
    try {
      // No other test sets a limit: the page starts empty and says how to set one.
      waiting(10)
          .until(
              ExpectedConditions.textToBe(
                  By.id("limits-empty"),
                  "No limits set: phaseflow limits set HANDLER --max-concurrent N --max-per-second"
                      + " R"));
      assertThat(driver.findElement(By.cssSelector("nav a.on")).getText()).isEqualTo("Limits");

      Http.Reply set =
          new Http(api.url())
              .put(
                  "/api/limits/Crawler",
                  "{\"major\": 2, \"max_concurrent\": 1, \"max_per_second\": 20}");
      assertThat(set.status()).as(set.body()).isEqualTo(200);
      By row = By.cssSelector("#limits tr[data-limit='Crawler|v2']");
      WebElement crawler = waiting(10).until(ExpectedConditions.presenceOfElementLocated(row));
      assertThat(crawler.findElements(By.tagName("td")).stream().map(WebElement::getText))
          .containsExactly("Crawler", "v2", "1", "20", "0", "0");

      // One attempt holds the only lease, two more are deferred (different numbers, so that a
      // column showing the other's cannot pass): the page shows them on its next poll.
      HandlerLimit limit = new HandlerLimit("Crawler", 2, 1, 20);
      long now = System.currentTimeMillis();
      assertThat(limits.take(limit, "wf-a|1|0|1", now + 60_000, now, now + 100).taken()).isTrue();
      for (String waiting : List.of("wf-b|1|0|1", "wf-c|1|0|1")) {
        assertThat(limits.take(limit, waiting, now + 60_000, now, now + 100).taken()).isFalse();
      }
      waiting(10)
          .until(
              ExpectedConditions.textToBe(
                  By.cssSelector("#limits tr[data-limit='Crawler|v2'] td[data-leases]"), "1"));
      waiting(5)
          .until(
              ExpectedConditions.textToBe(
                  By.cssSelector("#limits tr[data-limit='Crawler|v2'] td[data-deferred]"), "2"));
      screenshot("limits.png");
    } finally {
      limits.clear("Crawler", 2);
    }
  }

  @Test
  void theDeadLettersPageListsAForgedStartWithItsReasonAndDropsIt() throws IOException {
    embedded.bus().publish(Queues.WORKFLOW_START, "not json".getBytes(StandardCharsets.UTF_8));
    driver.get(api.url() + "#/dead-letters");

    WebElement row =
        waiting(10)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table[@id='dead-letters']//tr[td/code[.='not json']]")));
    String id = row.getAttribute("data-letter");
    By letter = By.cssSelector("#dead-letters tr[data-letter='" + id + "']");
    assertThat(row.findElement(By.cssSelector("td[data-queue]")).getText())
        .isEqualTo(Queues.WORKFLOW_START);
    assertThat(row.findElement(By.cssSelector("td[data-reason]")).getText())
        .startsWith("not a valid WorkflowStart message: Unrecognized token 'not'");
    assertThat(driver.findElement(By.cssSelector("nav a.on")).getText()).isEqualTo("Dead letters");
    screenshot("dead-letters.png");

    // The page redraws every few seconds: the click looks again when its button was redrawn.
    waiting(5)
        .until(
            d -> {
              d.findElement(By.cssSelector("#dead-letters button[data-drop='" + id + "']")).click();
              return true;
            });
    waiting(10).until(ExpectedConditions.numberOfElementsToBe(letter, 0));
    assertThat(DeadLetterQueues.of(embedded.bus()).show(id)).isEmpty();
    waiting(5).until(ExpectedConditions.textToBe(By.id("dead-empty"), "No dead letters"));
    assertThat(driver.findElement(By.id("dead-message")).getText()).isEmpty();
  }

  @Test
  void aDropOfALetterGoneAlreadyShowsTheApisMessageAndTheListWithoutIt() {
    embedded.bus().publish(Queues.WORKFLOW_START, "[1, 2]".getBytes(StandardCharsets.UTF_8));
    driver.get(api.url() + "#/dead-letters");
    String id =
        waiting(10)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.xpath("//table[@id='dead-letters']//tr[td/code[.='[1, 2]']]")))
            .getAttribute("data-letter");

    // Another client drops it between the page's listing and the click: in one script, with the
    // button taken first, so that no redraw of the page can fall in between.
    String dropThenClick =
        "const [id, done] = arguments;"
            + "const button = document.querySelector(`#dead-letters button[data-drop='${id}']`);"
            + "fetch(`api/dead-letters/${id}/drop`, {method: 'POST', headers: {'Content-Type':"
            + " 'application/json'}, body: '{}'}).then(() => { button.click(); done(); });";
    driver.executeAsyncScript(dropThenClick, id);

    waiting(10)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.id("dead-message"), id + ": no dead letter '" + id + "': it was requeued"));
    waiting(10)
        .until(
            ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#dead-letters tr[data-letter='" + id + "']"), 0));
  }

  @Test
  void theStartFormsKeyStartsOneWorkflowAndLandsOnItWhenRepeated() {
    String key = "browser-" + System.nanoTime();
    String first = startFromTheForm(key);
    assertThat(driver.findElements(By.id("start-note"))).isEmpty();

    String again = startFromTheForm(key);
    assertThat(again).isEqualTo(first);
    assertThat(driver.findElement(By.id("start-note")).getText())
        .isEqualTo("already started with this key");
    embedded.engine().await(first, Duration.ofSeconds(30));
  }

  @Test
  void theWorkflowPageShowsEachJobsOutputAndTheResultOnceEnded() throws IOException {
    String id =
        embedded
            .engine()
            .startWorkflow(
                "slow-search", JsonNodeFactory.instance.objectNode().put("sleep_ms", 600));
    driver.get(api.url() + "#/workflows/" + id);

    waiting(10).until(ExpectedConditions.presenceOfElementLocated(By.id("result-none")));
    assertThat(driver.findElement(By.id("result-none")).getText()).contains("No result yet");
    waiting(10)
        .until(
            ExpectedConditions.textToBe(
                By.cssSelector("#jobs tr[data-job='0'][data-status='ready'] td.outcome"), "—"));

    waiting(20)
        .until(
            ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "succeeded"));
    WebElement summary =
        waiting(10)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#result-card details.result summary")));
    assertThat(summary.getText()).isEqualTo("{\"Noop\":[null]}");
    assertThat(driver.findElement(By.id("result-source")).getText())
        .isEqualTo("Outputs of phase finished (entry 4)");
    WebElement whole = driver.findElement(By.cssSelector("#result-card details.result pre"));
    assertThat(whole.isDisplayed()).isFalse(); // collapsed
    summary.click();
    assertThat(whole.isDisplayed()).isTrue();
    assertThat(whole.getText()).contains("\"Noop\"");
    assertThat(whole.findElements(By.xpath("./*"))).isEmpty(); // text, never markup
    assertThat(driver.findElement(By.id("jobs-title")).getText())
        .isEqualTo("Jobs of finished (entry 4)");
    assertThat(
            driver
                .findElement(
                    By.cssSelector(
                        "#jobs tr[data-job='0'][data-status='succeeded'] td.outcome summary"))
                .getText())
        .isEqualTo("null");
    assertThat(
            driver
                .findElement(
                    By.cssSelector(
                        "#jobs tr[data-job='0'][data-status='succeeded'] td.outcome summary"))
                .getText())
        .isEqualTo("null");
    screenshot("workflow-result.png");
  }

  /**
   * Starts slow-search from its definition page with {@code key}; the id of the page it lands on.
   */
  private static String startFromTheForm(String key) {
    driver.get(api.url() + "#/definitions/slow-search");
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("input[data-start-key='slow-search']")))
        .sendKeys(key);
    driver.findElement(By.cssSelector("button[data-start='slow-search']")).click();
    return waiting(10)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#workflow-head h1")))
        .getText();
  }

  private static void screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
