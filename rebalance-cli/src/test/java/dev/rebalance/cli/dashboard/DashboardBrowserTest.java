package dev.rebalance.cli.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rebalance.api.PositionLock;
import dev.rebalance.api.spi.TrackerStore;
import dev.rebalance.core.store.TrackerStores;
import dev.rebalance.core.PriceSource;
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
            .start();
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
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).usingAnyFreePort().build();
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
    assertThat(row("AAPL").getText()).contains("198.55").contains("+10%");
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
    // Still has the token from this tab's session: buttons stay enabled after a reload.
    assertThat(row("AAPL").findElement(By.cssSelector(".lock-btn")).isEnabled()).isTrue();
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
