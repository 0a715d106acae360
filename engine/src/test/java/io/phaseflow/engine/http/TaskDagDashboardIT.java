package io.phaseflow.engine.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.phaseflow.engine.core.Embedded;
import io.phaseflow.engine.core.WorkflowListener;
import io.phaseflow.engine.inspect.Inspector;
import io.phaseflow.engine.plan.CompiledDefinition;
import io.phaseflow.samples.SampleHandlers;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A task DAG's workflow page in a real browser (as {@link DashboardBrowserIT}): one box per task
 * with its dependencies as edges, each colored by its state, and a timeline bar per task. With
 * {@code -Ddashboard.screenshot=FILE} it saves the finished page there (the README's picture:
 * {@code docs/dashboard-task-dag.png}).
 */
class TaskDagDashboardIT {
  private static final int TASKS = 6;
  private static final int DEPENDENCIES = 6;

  private static Embedded embedded;
  private static HttpApi api;
  private static ChromeDriver driver;
  private static Path profile;

  @BeforeAll
  static void start() throws IOException {
    if (!Files.isExecutable(DashboardBrowserIT.CHROMIUM)
        || !Files.isExecutable(DashboardBrowserIT.CHROMEDRIVER)) {
      throw new IllegalStateException(
          "the browser test needs "
              + DashboardBrowserIT.CHROMIUM
              + " and "
              + DashboardBrowserIT.CHROMEDRIVER
              + "; apt-get install chromium chromium-driver");
    }
    embedded = new Embedded(SampleHandlers.registry(), 2, WorkflowListener.NONE);
    try (InputStream in = TaskDagDashboardIT.class.getResourceAsStream("slow-dag.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      embedded.engine().plans().add(CompiledDefinition.of(json, "slow-dag.json").plan());
    }
    api =
        HttpApi.builder()
            .inspector(new Inspector(embedded.engine().store()))
            .definitions(DefinitionCatalog.of(embedded.engine().plans()))
            .starter(embedded.engine()::startWorkflow)
            .start();
    profile = Files.createTempDirectory("phaseflow-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(DashboardBrowserIT.CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--user-data-dir=" + profile);
    driver =
        new ChromeDriver(
            new ChromeDriverService.Builder()
                .usingDriverExecutable(DashboardBrowserIT.CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build(),
            options);
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

  private static WebDriverWait waiting(int seconds) {
    WebDriverWait wait =
        new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  @Test
  void theWorkflowPageDrawsEachTaskItsEdgesAndATimelineBarPerTask() throws IOException {
    String id = embedded.engine().startWorkflow("slow-dag", JsonNodeFactory.instance.objectNode());
    driver.get(api.url() + "#/workflows/" + id);

    // While it runs, a task is drawn running (and its bar is open-ended).
    waiting(10)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#task-graph g.task[data-state='ready']")));

    waiting(30)
        .until(
            ExpectedConditions.attributeToBe(By.id("workflow-state"), "data-state", "succeeded"));
    waiting(5)
        .until(
            ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#task-graph g.task[data-state='succeeded']"), TASKS));
    List<String> tasks =
        driver.findElements(By.cssSelector("#task-graph g.task")).stream()
            .map(g -> g.getAttribute("data-task"))
            .toList();
    assertThat(tasks)
        .containsExactly("fetch", "parse-csv", "parse-xml", "enrich", "index", "report");
    List<String> edges =
        driver.findElements(By.cssSelector("#task-graph path.edge")).stream()
            .map(p -> p.getAttribute("data-from") + ">" + p.getAttribute("data-to"))
            .toList();
    assertThat(edges)
        .hasSize(DEPENDENCIES)
        .contains("fetch>parse-csv", "fetch>parse-xml", "enrich>report", "index>report");

    List<WebElement> bars = driver.findElements(By.cssSelector("#gantt .gantt-bar"));
    assertThat(bars).hasSize(TASKS);
    // report starts after enrich ended: its bar begins to the right of enrich's end.
    double enrichEnd = right("enrich");
    assertThat(left("report")).isGreaterThanOrEqualTo(enrichEnd - 1);
    assertThat(left("parse-csv")).isGreaterThanOrEqualTo(right("fetch") - 1);

    String shot = System.getProperty("dashboard.screenshot");
    if (shot != null && !shot.isBlank()) {
      driver.manage().window().setSize(new Dimension(1280, 1500));
      ((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
      File png = driver.getScreenshotAs(OutputType.FILE);
      Path target = Path.of(shot).toAbsolutePath();
      Files.createDirectories(target.getParent());
      Files.copy(png.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      driver.manage().window().setSize(new Dimension(1280, 1100));
    }
    // The listing counts the tasks as the finished DAG's progress.
    driver.get(api.url() + "#/workflows");
    String label =
        waiting(10)
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#workflows tr[data-id='" + id + "'] .progress-label")))
            .getText();
    assertThat(label).isEqualTo(TASKS + "/" + TASKS);
  }

  private static double left(String task) {
    return number(
        "return document.querySelector(\"#gantt .gantt-bar[data-task='%s']\")"
            + ".getBoundingClientRect().left",
        task);
  }

  private static double right(String task) {
    return number(
        "return document.querySelector(\"#gantt .gantt-bar[data-task='%s']\")"
            + ".getBoundingClientRect().right",
        task);
  }

  private static double number(String script, String task) {
    return ((Number) ((JavascriptExecutor) driver).executeScript(String.format(script, task)))
        .doubleValue();
  }
}
