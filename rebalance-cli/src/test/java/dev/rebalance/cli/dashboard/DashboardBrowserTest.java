package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import dev.rebalance.core.stats.PriceSource;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    server =
        DashboardServer.builder()
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
                        "INTC", new BigDecimal("27.90"))))
            .accounts(() -> List.of(OTHER_ACCOUNT))
            .start();
    store.appendHistory(
        OTHER_ACCOUNT, Seed.swap(Seed.NOW.minus(Duration.ofDays(1)), "PEP", "KO", "0.5", "0.9", "150", "60"));
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
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // The page re-renders its tables every few seconds; an element found just before may go stale.
    wait.ignoring(StaleElementReferenceException.class);
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
        Seed.swap(Seed.NOW.minus(Duration.ofMinutes(1)), "AAPL", "AMD", "0.70", "1.20", "199", "150"));
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
    assertThat(pick.getOptions()).extracting(o -> o.getAttribute("value"))
        .containsExactly(Seed.ACCOUNT, OTHER_ACCOUNT);
    pick.selectByValue(OTHER_ACCOUNT);
    wait.until(d -> text("stat-total").equals("1"));
    wait.until(d -> firstHistoryRow().contains("KO"));
    assertThat(text("stat-locked")).isEqualTo("0");
  }

  /** The page's number rules are the CLI's (HumanFormat): the same inputs, the same text. */
  @Test
  void thePageFormatsNumbersByTheCliRules() {
    driver.get(server.baseUri().toString());
    wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-loaded", "true"));
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry("money(9239.0136988457124)", "9,239.01"),
            Map.entry("money(-1234.5)", "-1,234.50"),
            Map.entry("money(2.675)", "2.68"),
            Map.entry("money(0.125)", "0.12"),
            Map.entry("money(-0.001)", "0.00"),
            Map.entry("money(1e21)", "1,000,000,000,000,000,000,000.00"),
            Map.entry("percent(-0.0268338705)", "-2.68%"),
            Map.entry("percent(1)", "100.00%"),
            Map.entry("percent(1e-7)", "0.00%"),
            Map.entry("signedPercent(0.2)", "+20.00%"),
            Map.entry("signedPercent(0)", "0.00%"),
            Map.entry("signedPoints(10)", "+10.00%"),
            Map.entry("score(25.4941176471)", "25.49"),
            Map.entry("score(0.185)", "0.18"),
            Map.entry("scoreDiff(23.2)", "+23.20"),
            Map.entry("scoreDiff(-0.004)", "0.00"),
            Map.entry("quantity(10.5)", "10.5"),
            Map.entry("quantity('10.500000000')", "10.5"),
            Map.entry("quantity(0)", "0"),
            Map.entry("money(null)", "-"),
            Map.entry("duration('PT216H')", "9d 0h"),
            Map.entry("duration('PT1H57M30S')", "1h 57m"),
            Map.entry("duration('PT15M')", "15m"),
            Map.entry("duration('PT-10M')", "-"),
            Map.entry("time('2025-11-25T16:00:00Z', 'UTC')", "2025-11-25 16:00:00 UTC"),
            Map.entry(
                "time('2025-11-25T16:00:00Z', 'America/New_York')",
                "2025-11-25 11:00:00 America/New_York"));
    cases.forEach(
        (call, expected) ->
            assertThat(driver.executeScript("return RebalanceFormat." + call + ";"))
                .as(call)
                .isEqualTo(expected));
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
    File shot = ((org.openqa.selenium.TakesScreenshot) (WebDriver) driver).getScreenshotAs(OutputType.FILE);
    Path target = Path.of("target");
    Files.createDirectories(target);
    Files.copy(shot.toPath(), target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }
}
