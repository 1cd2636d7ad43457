package dev.portcullis.demo.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Debian chromium driven through Debian's chromium-driver. There is deliberately no
 * fallback and no skip: when the browser cannot start, the browser tests fail, so CI cannot pass
 * without having run them ({@code .ci/run} installs {@code chromium} and {@code chromium-driver}).
 * The binaries can be moved with {@code -Dchromium.binary=} and {@code -Dchromium.driver=}.
 */
final class Browser {
  static final Path SCREENSHOTS = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));

  private Browser() {}

  static WebDriver start() {
    return start(true);
  }

  /** A browser; with {@code javascript} false it runs no script at all, as some users' browsers do. */
  static WebDriver start(boolean javascript) {
    String binary = System.getProperty("chromium.binary", "/usr/bin/chromium");
    String driver = System.getProperty("chromium.driver", "/usr/bin/chromedriver");
    if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
      throw new IllegalStateException("the browser tests need " + binary + " and " + driver
          + " (Debian packages chromium and chromium-driver; .ci/run installs them)");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(binary);
    // --no-sandbox: CI runs as root, where chromium refuses its sandbox
    options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
        "--window-size=1280,1400", "--lang=en");
    // the demo's HTTPS certificate is self-signed and new at every start
    options.setAcceptInsecureCerts(true);
    if (!javascript) {
      options.setExperimentalOption("prefs", java.util.Map.of("profile.managed_default_content_settings.javascript", 2));
    }
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(new File(driver))
        .usingAnyFreePort()
        .build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    // a click that submits a form returns before the next page is there on a loaded machine: an
    // element lookup waits for it (an assertion that something is absent then takes this long once)
    chrome.manage().timeouts().implicitlyWait(Duration.ofSeconds(10));
    return chrome;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  static void screenshot(WebDriver driver, String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
