package io.hookguard.app;

import static io.hookguard.app.RunningServers.clientOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import io.hookguard.persistence.testing.PostgresTestDatabase;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console through the real wiring: the production modules on PostgreSQL with a configuration file that
 * forwards workflow completions to a real HTTP receiver on loopback, driven in Debian's headless Chromium. An
 * operator sees the delivery sent a moment before with its forwarding state, opens it, sees each forwarded
 * message with its attempt, presses Redeliver on one and sees a second attempt; the receiver gets the same
 * {@code webhook-id} and body again.
 */
class ConsoleForwardingBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @RegisterExtension
    static final PostgresTestDatabase DATABASE = new PostgresTestDatabase();

    @RegisterExtension
    final RunningServers servers = new RunningServers();

    @TempDir
    Path temp;

    private final BlockingQueue<Map<String, String>> received = new LinkedBlockingQueue<>();
    private HttpServer receiver;
    private ChromeDriverService service;
    private WebDriver browser;

    @BeforeEach
    void startReceiverAndBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed at /usr/bin (apt-get install chromium chromium-driver)");
        DATABASE.reset();
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(Map.of("webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "hookguard-delivery-id", exchange.getRequestHeaders().getFirst("hookguard-delivery-id"),
                    "body", new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{\"received\":true}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        receiver.start();

        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,900",
                "--user-data-dir=" + temp.resolve("profile").toAbsolutePath());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(PATIENCE);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void operatorSeesTheForwardingOfADeliveryAndRedeliversItToTheSameReceiver() throws Exception {
        Hookguard hookguard = servers.start(Map.of(
                "HOOKGUARD_DATABASE_URL", DATABASE.settings().jdbcUrl(),
                "HOOKGUARD_CONFIG", configFile().toString()));
        HookguardClient client = clientOf(hookguard);
        assertThat(client.createPhases(42, "q-1", "q-2").statusCode()).isEqualTo(201);
        String completion = HookguardClient.completion("adw-console", "q-1", 42);
        String key = client.completeWorkflow(completion).headers().firstValue("X-Webhook-Id").orElseThrow();
        assertThat(client.completeWorkflow(completion).headers().firstValue("X-Webhook-Id")).as("a resend")
                .contains(key);
        Map<String, String> first = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        Map<String, String> second = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(second).as("the receiver got both phase events (q-1 done, q-2 next)").isNotNull();
        assertThat(List.of(first, second)).extracting(message -> message.get("hookguard-delivery-id"))
                .containsOnly(key);
        String base = "http://127.0.0.1:" + hookguard.port();

        browser.get(base + "/console");
        browser.findElement(By.name("token")).sendKeys(RunningServers.ADMIN_TOKEN);
        browser.findElement(By.id("login")).click();
        WebElement row = rowOf(key);
        assertThat(row.getText()).contains("workflow_complete", "processed");
        assertThat(browser.findElement(By.id("duplicates")).getText()).endsWith("workflow_complete 1");
        refreshUntil(() -> rowOf(key).getText().contains("2 delivered"));
        screenshot("console-list.png");

        browser.findElement(By.linkText(key)).click();
        assertThat(browser.findElement(By.id("delivery-key")).getText()).isEqualTo(key);
        assertThat(browser.findElement(By.id("response-text")).getText()).contains("phase_updated");
        refreshUntil(() -> attemptRows(0).size() == 1 && attemptRows(1).size() == 1);
        assertThat(browser.findElement(By.id("messages")).getText())
                .contains(first.get("webhook-id"), second.get("webhook-id"), "backend", "delivered", "HTTP 200");
        assertThat(messageOf(0).getText()).contains(first.get("webhook-id"));
        browser.manage().window().setSize(new Dimension(1280, 1400));
        screenshot("console-delivery.png");

        messageOf(0).findElement(By.cssSelector("form.redeliver button")).click();
        browser.switchTo().alert().accept();
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("scheduled");
        Map<String, String> again = received.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(again).as("the receiver got the message again").isNotNull();
        assertThat(again.get("webhook-id")).isEqualTo(first.get("webhook-id"));
        assertThat(again.get("body")).isEqualTo(first.get("body"));
        refreshUntil(() -> attemptRows(0).size() == 2);
        assertThat(attemptRows(0)).extracting(WebElement::getText)
                .allSatisfy(text -> assertThat(text).contains("delivered", "HTTP 200"));
        assertThat(attemptRows(1)).as("the other message was not sent again").hasSize(1);
        assertThat(received).isEmpty();
    }

    private Path configFile() throws IOException {
        Path file = temp.resolve("hookguard.yaml");
        Files.writeString(file, """
                sources:
                  workflow_complete:
                    forward: [backend]
                destinations:
                  backend:
                    url: http://127.0.0.1:%d/hooks
                    secret: whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw
                    timeout: 10s
                    retry: [1s]
                """.formatted(receiver.getAddress().getPort()));
        return file;
    }

    private WebElement rowOf(String key) {
        return browser.findElement(By.linkText(key)).findElement(By.xpath("./ancestor::tr"));
    }

    private WebElement messageOf(int index) {
        return browser.findElements(By.cssSelector("#messages .message")).get(index);
    }

    /** The attempts shown for the {@code index}th message (oldest first), without the "no attempts" line. */
    private List<WebElement> attemptRows(int index) {
        return messageOf(index).findElements(By.cssSelector("table.attempts tbody tr")).stream()
                .filter(row -> row.findElements(By.cssSelector("td.empty")).isEmpty())
                .toList();
    }

    /** Reloads the page until {@code condition} holds: the dispatcher settles an attempt after sending it. */
    private void refreshUntil(java.util.function.BooleanSupplier condition) {
        new WebDriverWait(browser, PATIENCE).until(driver -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            driver.navigate().refresh();
            return false;
        });
    }

    private void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
