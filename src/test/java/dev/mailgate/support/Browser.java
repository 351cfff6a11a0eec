package dev.mailgate.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven through its ChromeDriver, on Mailgate's real HTTPS
 * port. Nothing is downloaded: the binaries are the ones {@code .ci/services} installs.
 */
public final class Browser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final ChromeDriver driver;

	private final String base;

	public Browser(int port) {
		this.base = "https://localhost:" + port;
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		// The certificate is Mailgate's self-signed one for localhost.
		options.setAcceptInsecureCerts(true);
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,900", "--user-data-dir=" + temporaryProfile());
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	public Browser open(String path) {
		this.driver.get(this.base + path);
		return this;
	}

	public Browser fill(String id, String value) {
		WebElement field = this.driver.findElement(By.id(id));
		field.clear();
		field.sendKeys(value);
		return this;
	}

	/**
	 * Chooses a file in a file input, as a person picking it in the file dialog.
	 */
	public Browser attach(String id, Path file) {
		this.driver.findElement(By.id(id)).sendKeys(file.toAbsolutePath().toString());
		return this;
	}

	/**
	 * Chooses the option with this value in a select.
	 */
	public Browser select(String id, String value) {
		new Select(this.driver.findElement(By.id(id))).selectByValue(value);
		return this;
	}

	/**
	 * The value of the option a select shows.
	 */
	public String selected(String id) {
		return new Select(this.driver.findElement(By.id(id))).getFirstSelectedOption().getDomProperty("value");
	}

	/**
	 * Waits until the element's property (such as a progress bar's {@code value}) is
	 * {@code expected}, through reloads of the page: an element the reload replaced
	 * between finding it and reading it is found again.
	 */
	public Browser waitForProperty(String cssSelector, String property, String expected, Duration timeout) {
		new WebDriverWait(this.driver, timeout).ignoring(StaleElementReferenceException.class)
			.until((driver) -> expected
				.equals(driver.findElement(By.cssSelector(cssSelector)).getDomProperty(property)));
		return this;
	}

	/**
	 * What the page's own {@code fetch} of the path answers, with the page's session: for
	 * downloads, which a headless browser saves instead of showing.
	 */
	public String fetch(String path) {
		return (String) this.driver.executeAsyncScript("""
				var done = arguments[arguments.length - 1];
				fetch(arguments[0], { credentials: 'same-origin' })
					.then(function (response) { return response.text(); })
					.then(done, function (error) { done('fetch failed: ' + error); });
				""", path);
	}

	/**
	 * The value of a form field, such as a read-only input showing a new secret.
	 */
	public String value(String cssSelector) {
		return this.driver.findElement(By.cssSelector(cssSelector)).getDomProperty("value");
	}

	public boolean has(String cssSelector) {
		return !this.driver.findElements(By.cssSelector(cssSelector)).isEmpty();
	}

	public Browser click(String cssSelector) {
		this.driver.findElement(By.cssSelector(cssSelector)).click();
		return this;
	}

	/**
	 * Waits until the page shows the text, and answers the page's visible text.
	 */
	public String waitForText(String text) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
		return text();
	}

	/**
	 * Waits until an element shows, such as one a script renders.
	 */
	public Browser waitFor(String cssSelector) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10))
			.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(cssSelector)));
		return this;
	}

	/**
	 * Waits until the element shows the text, and answers the element's text.
	 */
	public String waitForText(String cssSelector, String text) {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).ignoring(WebDriverException.class)
			.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(cssSelector), text));
		return this.driver.findElement(By.cssSelector(cssSelector)).getText();
	}

	/**
	 * Continues in the window the page opened (a sign-in popup, say).
	 */
	public Browser switchToPopup() {
		String opener = this.driver.getWindowHandle();
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> driver.getWindowHandles().size() > 1);
		this.driver.switchTo()
			.window(this.driver.getWindowHandles()
				.stream()
				.filter((handle) -> !handle.equals(opener))
				.findFirst()
				.orElseThrow());
		return this;
	}

	/**
	 * Waits until the popup closed itself, and continues in the window that opened it.
	 */
	public Browser switchBackWhenPopupCloses() {
		new WebDriverWait(this.driver, Duration.ofSeconds(10)).until((driver) -> driver.getWindowHandles().size() == 1);
		this.driver.switchTo().window(this.driver.getWindowHandles().iterator().next());
		return this;
	}

	/**
	 * The page's visible text. A page that is still replacing itself (a redirect after a
	 * form, a script re-rendering) can detach the body Chromium was asked about: read
	 * again then.
	 */
	public String text() {
		WebDriverException last = null;
		for (int attempt = 0; attempt < 5; attempt++) {
			try {
				return this.driver.findElement(By.tagName("body")).getText();
			}
			catch (WebDriverException ex) {
				last = ex;
				pause();
			}
		}
		throw last;
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	public String path() {
		return this.driver.getCurrentUrl().substring(this.base.length());
	}

	public String title() {
		return this.driver.getTitle();
	}

	/**
	 * What the page wrote to the browser's console: CSP violations, failed loads, script
	 * errors.
	 */
	public List<String> consoleErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.WARNING.intValue())
			.map(LogEntry::getMessage)
			.toList();
	}

	public void screenshot(String name) {
		try {
			Path target = Path.of("target/screenshots", name + ".png");
			Files.createDirectories(target.getParent());
			Files.write(target, this.driver.getScreenshotAs(OutputType.BYTES));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
	}

	private static String temporaryProfile() {
		try {
			return Files.createTempDirectory("mailgate-chromium").toString();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
