package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.RebalanceEvent;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.format.HumanFormat;
import dev.rebalance.core.stats.PriceSource;
import dev.rebalance.core.stats.RebalanceMetrics;
import dev.rebalance.core.stats.RebalanceStats;
import dev.rebalance.core.store.TrackerStores;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard end to end in a real headless Chromium (Debian's {@code chromium} and {@code
 * chromium-driver}; nothing is downloaded): see the seeded stats and history, lock a position with
 * the button, see the badge, unlock it, and check the store each time. Leaves screenshots at {@code
 * target/dashboard.png} (laptop) and {@code target/dashboard-phone.png}.
 */
class DashboardBrowserTest {
  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final String OTHER_ACCOUNT = "sim-s42-run1";

  /** The browser's own zone, so "local time" differs from UTC. */
  private static final String BROWSER_ZONE = "America/New_York";

  /**
   * Selenium (java.util.logging) warns that it has no CDP implementation for the installed
   * Chromium; the test uses WebDriver only, never CDP, so the packages that warn about it log
   * errors only. Kept in fields so the configured loggers are never garbage-collected.
   */
  private static final List<Logger> CDP_LOGGERS =
      List.of(
          Logger.getLogger("org.openqa.selenium.devtools"),
          Logger.getLogger("org.openqa.selenium.chromium"));

  static {
    CDP_LOGGERS.forEach(l -> l.setLevel(Level.SEVERE));
  }

  /** Warnings Selenium logged while the browser started (CDP ones must not be among them). */
  private final List<String> seleniumWarnings = new ArrayList<>();

  @TempDir Path dir;
  @TempDir Path profile;
  private final Seed.MovingClock clock = new Seed.MovingClock();
  private TrackerStore store;
  private DashboardServer server;
  private ChromeDriver driver;
  private WebDriverWait wait;

  @BeforeEach
  void start() {
    assertThat(CHROMIUM)
        .as("the browser test needs Chromium: apt-get install -y chromium chromium-driver")
        .canRead();
    assertThat(CHROMEDRIVER)
        .as("the browser test needs chromedriver: apt-get install -y chromium chromium-driver")
        .canRead();
    store = TrackerStores.open("json:" + dir.resolve("state.json"));
    Seed.seed(store);
    server = serverBuilder().start();
    store.appendHistory(
        OTHER_ACCOUNT,
        Seed.swap(Seed.NOW.minus(Duration.ofDays(1)), "PEP", "KO", "0.5", "0.9", "150", "60"));
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--user-data-dir=" + profile.toAbsolutePath(),
        "--window-size=1280,1100");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER)
            .usingAnyFreePort()
            .withEnvironment(Map.of("TZ", BROWSER_ZONE))
            .build();
    Logger selenium = Logger.getLogger("org.openqa.selenium");
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              seleniumWarnings.add(r.getLoggerName() + ": " + r.getMessage());
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    selenium.addHandler(capture);
    try {
      driver = new ChromeDriver(service, options);
    } finally {
      selenium.removeHandler(capture);
    }
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // The page re-renders its tables every few seconds; an element found just before may go stale.
    wait.ignoring(StaleElementReferenceException.class);
  }

  /** The dashboard over the seeded store: its account, the test clock, fixed prices. */
  private DashboardServer.Builder serverBuilder() {
    return DashboardServer.builder()
        .store(store)
        .account(Seed.ACCOUNT)
        .clock(clock)
        .port(0)
        .token(Seed.TOKEN)
        .prices(
            PriceSource.of(
                Map.of(
                    "AAPL", new BigDecimal("198.55"),
                    "MSFT", new BigDecimal("395.10"),
                    "NVDA", new BigDecimal("131.40"),
                    "PEP", new BigDecimal("141.20"),
                    "KO", new BigDecimal("63.75"),
                    "INTC", new BigDecimal("27.90"))));
  }

  @AfterEach
  void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void seesStatsAndHistoryAndLocksAndUnlocksWithTheButtons() throws Exception {
    driver.get(server.pageUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));

    // The token left the address bar.
    assertThat(driver.getCurrentUrl()).doesNotContain("token");
    assertThat(text("stat-total")).isEqualTo("3");
    // AAPL beat PEP and NVDA beat INTC; MSFT fell while KO rose.
    assertThat(text("stat-paid")).isEqualTo("2 of 3");
    // Money to cents, P/L as a signed percentage, times to the second in UTC, durations in 2 units.
    assertThat(row("AAPL").getText())
        .contains("180.50")
        .contains("198.55")
        .contains("+10.00%")
        .contains("2026-02-21 15:00:00 UTC")
        .contains("9d 0h");
    assertThat(text("stat-locked")).isEqualTo("1");
    assertThat(text("stat-avg")).isEqualTo("0.19");
    assertThat(text("stat-last")).isEqualTo("2026-03-02 14:10:00 UTC");
    assertThat(text("stat-cooldown")).isEqualTo("10m left");
    List<WebElement> history = driver.findElements(By.cssSelector("#history tbody tr"));
    assertThat(history).hasSize(3);
    assertThat(history.get(0).getText()).contains("INTC").contains("NVDA").contains("+0.08");
    assertThat(driver.findElements(By.cssSelector("#chart-scores svg circle"))).hasSize(3);
    assertThat(driver.findElements(By.cssSelector("#chart-payoff svg polyline"))).hasSize(2);
    assertThat(text("chart-payoff")).contains("kept");
    wait.until(d -> row("MSFT").getText().contains("earnings"));

    // Lock AAPL with the button.
    row("AAPL").findElement(By.cssSelector(".lock-btn")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("lock-dialog")));
    driver.findElement(By.id("lock-reason")).sendKeys("long-term hold");
    driver.findElement(By.id("lock-until")).sendKeys("7d");
    driver.findElement(By.id("lock-confirm")).click();
    wait.until(d -> !row("AAPL").findElements(By.cssSelector(".lock-badge")).isEmpty());
    wait.until(d -> row("AAPL").getText().contains("long-term hold"));
    PositionLock lock = lockOf("AAPL").orElseThrow();
    assertThat(lock.reason()).contains("long-term hold");
    assertThat(lock.expiresAt()).contains(Seed.NOW.plus(Duration.ofDays(7)));
    screenshot("dashboard.png");

    // Unlock it again.
    row("AAPL").findElement(By.cssSelector(".unlock-btn")).click();
    wait.until(d -> row("AAPL").findElements(By.cssSelector(".lock-badge")).isEmpty());
    assertThat(lockOf("AAPL")).isEmpty();
    assertThat(lockOf("MSFT")).isPresent();

    // A bot writing to the same store: the page picks it up without a reload.
    store.appendHistory(
        Seed.ACCOUNT,
        Seed.swap(
            Seed.NOW.minus(Duration.ofMinutes(1)), "AAPL", "AMD", "0.70", "1.20", "199", "150"));
    wait.until(d -> text("stat-total").equals("4"));
    wait.until(d -> firstHistoryRow().contains("AMD"));

    // Sort by score difference, smallest first.
    driver.findElement(By.id("sort-diff")).click();
    wait.until(d -> firstHistoryRow().contains("AMD"));
    driver.findElement(By.id("sort-diff")).click();
    wait.until(d -> firstHistoryRow().contains("+0.08"));

    driver.manage().window().setSize(new Dimension(390, 1400));
    driver.navigate().refresh();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    screenshot("dashboard-phone.png");
    // A phone keeps the entry time and the held time (and drops entry and current price).
    List<WebElement> cells = row("AAPL").findElements(By.tagName("td"));
    assertThat(cells.get(1).isDisplayed()).as("entry time on a phone").isTrue();
    assertThat(cells.get(5).isDisplayed()).as("held time on a phone").isTrue();
    assertThat(cells.get(2).isDisplayed()).as("entry price on a phone").isFalse();
    // Still has the token from this tab's session: buttons stay enabled after a reload.
    assertThat(row("AAPL").findElement(By.cssSelector(".lock-btn")).isEnabled()).isTrue();
  }

  @Test
  void timesSwitchToLocalTimeWithTheirZone() {
    driver.get(server.pageUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    assertThat(text("stat-last")).isEqualTo("2026-03-02 14:10:00 UTC");
    new Select(driver.findElement(By.id("zone"))).selectByValue("local");
    wait.until(d -> text("stat-last").equals("2026-03-02 09:10:00 " + BROWSER_ZONE));
    assertThat(row("AAPL").getText()).contains("2026-02-21 10:00:00 " + BROWSER_ZONE);
    assertThat(text("chart-scores")).contains("dates in " + BROWSER_ZONE);
    // The choice is kept for the next visit.
    driver.navigate().refresh();
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    wait.until(d -> text("stat-last").endsWith(BROWSER_ZONE));
  }

  @Test
  void theAccountPickerShowsAnotherAccount() {
    driver.get(server.pageUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    Select pick = new Select(driver.findElement(By.id("account")));
    assertThat(pick.getOptions())
        .extracting(o -> o.getAttribute("value"))
        .containsExactly(Seed.ACCOUNT, OTHER_ACCOUNT);
    pick.selectByValue(OTHER_ACCOUNT);
    wait.until(d -> text("stat-total").equals("1"));
    wait.until(d -> firstHistoryRow().contains("KO"));
    assertThat(text("stat-locked")).isEqualTo("0");
  }

  /**
   * The page shows the figures as HumanFormat (the CLI's and the bots' formatter) writes them: the
   * page formats nothing itself.
   */
  @Test
  void thePageShowsTheFiguresAsHumanFormatWritesThem() {
    driver.get(server.pageUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    RebalanceStats stats = RebalanceMetrics.compute(store, Seed.ACCOUNT, PriceSource.none());
    assertThat(text("stat-avg")).isEqualTo(HumanFormat.score(stats.avgScoreImprovement()));
    assertThat(text("stat-minmax"))
        .isEqualTo(
            HumanFormat.score(stats.minScoreImprovement())
                + " / "
                + HumanFormat.score(stats.maxScoreImprovement()));
    assertThat(text("stat-last"))
        .isEqualTo(HumanFormat.time(stats.lastRebalance(), ZoneOffset.UTC));
    RebalanceEvent newest = store.history(Seed.ACCOUNT, 1, 0).get(0);
    assertThat(firstHistoryRow())
        .contains(HumanFormat.time(newest.timestamp(), ZoneOffset.UTC))
        .contains(HumanFormat.score(newest.oldScore()))
        .contains(HumanFormat.scoreDiff(newest.scoreDiff()))
        .contains(HumanFormat.percent(newest.sellFraction()));
    assertThat(driver.executeScript("return typeof window.RebalanceFormat;"))
        .as("no second formatter in the page")
        .isEqualTo("undefined");
  }

  /** {@code --zone} (the builder's zone) is the page's default; every time carries its zone. */
  @Test
  void timesAreInTheDashboardsZoneByDefault() {
    server.close();
    server = serverBuilder().zone(ZoneId.of("Asia/Tokyo")).start();
    driver.get(server.pageUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    assertThat(text("stat-last")).isEqualTo("2026-03-02 23:10:00 Asia/Tokyo");
    assertThat(row("AAPL").getText()).contains("2026-02-22 00:00:00 Asia/Tokyo");
    assertThat(firstHistoryRow()).contains("Asia/Tokyo").doesNotContain("UTC");
    assertThat(text("chart-scores")).contains("dates in Asia/Tokyo");
    assertThat(new Select(driver.findElement(By.id("zone"))).getFirstSelectedOption().getText())
        .isEqualTo("Asia/Tokyo");
    new Select(driver.findElement(By.id("zone"))).selectByValue("local");
    wait.until(d -> text("stat-last").equals("2026-03-02 09:10:00 " + BROWSER_ZONE));
  }

  /** Selenium's "no CDP implementation matching Chromium N" warning is expected and silenced. */
  @Test
  void startingTheBrowserLogsNoCdpWarning() {
    assertThat(seleniumWarnings)
        .as("Selenium warnings while starting the browser")
        .noneMatch(m -> m.contains("CDP"));
  }

  @Test
  void withoutTheTokenThePageIsReadOnly() {
    driver.get(server.baseUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    assertThat(driver.findElement(By.id("token-note")).isDisplayed()).isTrue();
    assertThat(row("AAPL").findElement(By.cssSelector(".lock-btn")).isEnabled()).isFalse();
  }

  private String text(String id) {
    return driver.findElement(By.id(id)).getText();
  }

  private WebElement row(String symbol) {
    return driver.findElement(By.cssSelector("#positions tr[data-symbol='" + symbol + "']"));
  }

  private String firstHistoryRow() {
    return driver.findElement(By.cssSelector("#history tbody tr")).getText();
  }

  private Optional<PositionLock> lockOf(String symbol) {
    return store.locks(Seed.ACCOUNT).stream().filter(l -> l.symbol().equals(symbol)).findFirst();
  }

  private void screenshot(String name) throws Exception {
    File shot =
        ((org.openqa.selenium.TakesScreenshot) (WebDriver) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
