package dev.runtimeslicer.tools.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * report.html in real headless Chromium (Debian's, installed by deploy/test/install-debian-tools.sh
 * before the integration tests): it renders something visible and the browser reports no error.
 */
class ReportBrowserITCase {

  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  private static final int WIDTH = 1300;
  private static final int HEIGHT = 2400;

  @TempDir Path folder;

  private ChromeDriver driver;

  @BeforeEach
  void startBrowser() {
    // Paths set explicitly, so Selenium Manager never tries to download a driver or a browser.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    // No network here: without these, Chromium's background connections fail loudly.
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--hide-scrollbars",
        "--user-data-dir=" + folder.resolve("profile"),
        "--window-size=" + WIDTH + "," + HEIGHT);
    LoggingPreferences logging = new LoggingPreferences();
    logging.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logging);
    driver = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser() {
    if (driver != null) {
      driver.quit();
    }
  }

  @Test
  void rendersTheReportWithoutBrowserErrors() throws Exception {
    Path report = folder.resolve("report.html");
    EvaluationReportWriter.write(ReportSamples.data(), report);

    driver.get(report.toUri().toString());

    assertThat(driver.getTitle()).isEqualTo("Evaluation <two systems>");
    JavascriptExecutor js = driver;
    assertThat(
            (Long)
                js.executeScript(
                    "return document.querySelectorAll('section.system > svg.timeline').length"))
        .isEqualTo(2L);
    assertThat(
            (Long)
                js.executeScript(
                    "return document.querySelectorAll('svg.projection circle').length"))
        .isEqualTo(4L * (ReportSamples.WINDOWS - 10));
    // Laid out, not just parsed: the first timeline has its full width and the score line a real
    // extent.
    assertThat(
            ((Number)
                    js.executeScript(
                        "return"
                            + " document.querySelector('svg.timeline').getBoundingClientRect().width"))
                .doubleValue())
        .isEqualTo(TimelineSvg.WIDTH);
    assertThat(
            ((Number)
                    js.executeScript(
                        "return document.querySelector('polyline.score').getBBox().width"))
                .doubleValue())
        .isGreaterThan(TimelineSvg.WIDTH / 2.0);

    // Each detected fault's service graph, laid out with its services and call paths.
    assertThat(
            (Long)
                js.executeScript(
                    "return document.querySelectorAll('figure.service-graph svg"
                        + " g.service').length"))
        .isEqualTo(8L);
    assertThat(
            ((Number)
                    js.executeScript(
                        "return document.querySelector('svg.service-graph line.call.slower')"
                            + ".getBBox().width"))
                .doubleValue())
        .isPositive();

    byte[] png = driver.getScreenshotAs(OutputType.BYTES);
    // Kept for people to look at after the run.
    Path kept = Path.of("target", "report-browser");
    Files.createDirectories(kept);
    Files.write(kept.resolve("report.png"), png);
    Files.copy(report, kept.resolve("report.html"), StandardCopyOption.REPLACE_EXISTING);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    Set<Integer> colors = new HashSet<>();
    long notWhite = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xFFFFFF;
        colors.add(rgb);
        notWhite += rgb == 0xFFFFFF ? 0 : 1;
      }
    }
    assertThat(colors.size()).as("distinct colors in the screenshot").isGreaterThan(200);
    assertThat(notWhite / (double) (image.getWidth() * image.getHeight()))
        .as("share of non-white pixels")
        .isGreaterThan(0.05);

    List<LogEntry> severe =
        driver.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
            .toList();
    assertThat(severe).as("SEVERE browser log entries").isEmpty();

    // The log is really read: an error the page did not have shows up in it.
    js.executeScript("console.error('report-browser-probe')");
    assertThat(driver.manage().logs().get(LogType.BROWSER).getAll())
        .anyMatch(
            entry ->
                entry.getLevel().equals(Level.SEVERE)
                    && entry.getMessage().contains("report-browser-probe"));
  }
}
