package io.hookguard.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hookguard.domain.deliveries.CountDeliveriesPerMinute;
import io.hookguard.domain.deliveries.ListDeliveries;
import io.hookguard.domain.deliveries.OutboundMessageLog;
import io.hookguard.domain.deliveries.OutboundMessageView;
import io.hookguard.domain.deliveries.ShowDelivery;
import io.hookguard.domain.deliveries.StoredRequest;
import io.hookguard.domain.deliveries.StoredRequests;
import io.hookguard.domain.idempotency.Claim;
import io.hookguard.domain.idempotency.ClaimOutcome;
import io.hookguard.domain.idempotency.Delivery;
import io.hookguard.domain.idempotency.DeliveryKey;
import io.hookguard.domain.idempotency.Fingerprint;
import io.hookguard.domain.idempotency.IdempotencyPolicy;
import io.hookguard.domain.idempotency.WebhookId;
import io.hookguard.domain.idempotency.WebhookType;
import io.hookguard.domain.outbox.DestinationName;
import io.hookguard.domain.outbox.MessageId;
import io.hookguard.http.console.ConsoleRoutes;
import io.hookguard.http.console.ConsoleUseCases;
import io.hookguard.http.console.Redelivery;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium driven by Selenium), over the real routes and the
 * domain's in-memory store. The stored request and outbound messages come from small fakes of the ports, so every
 * section of a delivery's page is rendered; app's ConsoleForwardingBrowserTest drives the real ones.
 */
class ConsoleBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    private static final String XSS_KEY = "<script>window.__xss=1;alert('key')</script>";
    private static final String XSS_ERROR = "<img src=x onerror=\"window.__xss=2;alert('error')\"> "
            + "<a href=\"javascript:alert('link')\">click</a> </textarea><script>window.__xss=3</script>";
    private static final String XSS_BODY = "{\"comment\":\"</textarea><script>window.__xss=4;alert('body')</script>\","
            + "\"img\":\"<img src=x onerror=alert('body-img')>\"}";

    @TempDir
    static Path profile;

    private static ChromeDriverService service;
    private static WebDriver browser;
    private static TestApp app;
    private static Javalin server;
    private static String base;
    private static final Map<String, StoredRequest> storedRequests = new ConcurrentHashMap<>();
    private static final Map<String, List<OutboundMessageView>> messages = new ConcurrentHashMap<>();
    private static final List<MessageId> redelivered = new CopyOnWriteArrayList<>();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void startServerAndBrowser() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed at /usr/bin (apt-get install chromium chromium-driver)");
        app = TestApp.secured();
        StoredRequests requests = (source, key) -> Optional.ofNullable(storedRequests.get(source + "/" + key));
        OutboundMessageLog log = (source, key) -> messages.getOrDefault(source + "/" + key, List.of());
        Redelivery redelivery = message -> {
            redelivered.add(message);
            return Redelivery.Outcome.SCHEDULED;
        };
        app.useCases = app.useCases.withConsole(app.console(app.events, requests, log, redelivery));
        server = app.javalin().start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + server.port();

        service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
                "--disable-dev-shm-usage", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (service != null) {
            service.stop();
        }
        if (server != null) {
            server.stop();
        }
    }

    @BeforeEach
    void logOut() {
        browser.manage().deleteAllCookies();
    }

    @Test
    void operatorLogsInSeesADeliverySentAMomentBeforeAndOpensIt() throws Exception {
        HttpResponse<String> sent = sendGithubDelivery("d5a1c0de-0001", "{\"action\":\"opened\",\"number\":7}");
        assertThat(sent.statusCode()).isEqualTo(200);

        logIn();
        WebElement row = browser.findElement(By.linkText("d5a1c0de-0001"));
        assertThat(browser.findElement(By.id("deliveries")).getText()).contains("github", "processed");
        screenshot("list.png");
        row.click();

        assertThat(browser.findElement(By.id("delivery-key")).getText()).isEqualTo("d5a1c0de-0001");
        assertThat(browser.findElement(By.id("outcome")).getText()).isEqualTo("processed");
        assertThat(browser.findElement(By.id("body")).getText()).startsWith("Body");
        assertThat(browser.findElement(By.id("response")).getText()).contains("Stored response");
    }

    @Test
    void wrongTokenIsRefusedWithTheLoginFormAgain() {
        browser.get(base + "/console");
        browser.findElement(By.name("token")).sendKeys("not-the-token");
        browser.findElement(By.id("login")).click();

        assertThat(browser.findElement(By.id("login-error")).getText()).contains("not the admin token");
        assertThat(browser.findElements(By.name("token"))).hasSize(1);
        assertThat(browser.manage().getCookieNamed("hookguard_console")).isNull();
        assertThat(browser.findElements(By.id("deliveries"))).isEmpty();
    }

    @Test
    void withoutTheCookieEveryConsoleRouteRedirectsToTheLogin() throws Exception {
        for (String path : List.of("/console/deliveries/github/d5a1c0de-0001", "/console/deliveries/github/a/b")) {
            HttpResponse<String> response = get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/console");
        }
        for (String path : List.of("/console/logout", "/console/redeliver")) {
            HttpResponse<String> response = post(path, null, Map.of("csrf", "guess"));
            assertThat(response.statusCode()).as(path).isEqualTo(303);
            assertThat(response.headers().firstValue("Location")).as(path).contains("/console");
        }
        HttpResponse<String> home = get("/console", "hookguard_console=forged-session-id");
        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("name=\"token\"").doesNotContain("id=\"deliveries\"");
    }

    @Test
    void postWithoutTheCsrfTokenIsForbidden() throws Exception {
        String cookie = logInOverHttp();

        assertThat(post("/console/logout", cookie, Map.of()).statusCode()).isEqualTo(403);
        assertThat(post("/console/logout", cookie, Map.of("csrf", "wrong")).statusCode()).isEqualTo(403);
        assertThat(post("/console/redeliver", cookie, Map.of("source", "github", "key", "k",
                "message", "msg_x")).statusCode()).isEqualTo(403);
        assertThat(get("/console", cookie).body()).as("the session survived").contains("id=\"deliveries\"");
    }

    @Test
    void loginSetsAStrictHttpOnlyCookieAndEveryResponseCarriesTheSecurityHeaders() throws Exception {
        HttpResponse<String> login = post("/console/login", null, Map.of("token", TestApp.ADMIN_TOKEN));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Set-Cookie").orElseThrow())
                .contains("HttpOnly", "SameSite=Strict", "Path=/console").doesNotContain("Secure");

        String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        for (HttpResponse<String> response : List.of(login, get("/console", null), get("/console", cookie),
                get("/console/deliveries/github/none", cookie))) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).contains(
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                            + "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
            assertThat(response.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).contains("no-referrer");
            assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
        }
    }

    @Test
    void scriptAndHtmlASenderSentAreShownLiterallyAndNeverRun() throws Exception {
        Claim claim = claim(WebhookType.GITHUB, XSS_KEY);
        assertThat(app.events.fail(claim, XSS_ERROR, app.clock.instant())).isTrue();
        claim(WebhookType.GITHUB, "javascript:alert('key')");
        storedRequests.put("github/" + XSS_KEY, new StoredRequest(List.of(
                new StoredRequest.Header("X-GitHub-Event", "<b onmouseover=alert('header')>push</b>"),
                new StoredRequest.Header("X-Hub-Signature-256", "sha256=deadbeefdeadbeef")), XSS_BODY));

        logIn();
        assertNothingRan();
        assertThat(browser.findElement(By.id("deliveries")).getText()).contains(XSS_KEY, "javascript:alert('key')");
        assertThat(browser.findElements(By.cssSelector("tr.outcome-failed"))).hasSize(1);
        assertThat(browser.findElements(By.cssSelector("tr.outcome-in-flight"))).isNotEmpty();

        browser.findElement(By.linkText(XSS_KEY)).click();
        assertNothingRan();
        assertThat(browser.findElement(By.id("delivery-key")).getText()).isEqualTo(XSS_KEY);
        assertThat(browser.findElement(By.id("last-error-text")).getText()).isEqualTo(XSS_ERROR);
        assertThat(browser.findElement(By.id("body-text")).getText())
                .contains("</textarea><script>window.__xss=4;alert('body')</script>")
                .contains("\n  \"comment\"");
        assertThat(browser.findElement(By.id("headers")).getText())
                .contains("<b onmouseover=alert('header')>push</b>")
                .doesNotContain("deadbeef");
        assertThat(browser.findElements(By.cssSelector("#headers img, #body img, #last-error img, #last-error a")))
                .isEmpty();
        assertThat(browser.findElements(By.cssSelector("form.redeliver"))).as("no messages, no button").isEmpty();
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1500));
        screenshot("delivery.png");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));

        HttpResponse<String> page = get(ConsoleRoutesPaths.delivery("github", XSS_KEY), logInOverHttp());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'self'").doesNotContain("unsafe-inline");
        assertThat(page.body()).doesNotContain("<script>window.__xss").contains("&lt;script&gt;window.__xss");
    }

    @Test
    void choosingAnOutcomeFiltersTheListAndKeepsTheChoice() {
        Claim failed = claim(WebhookType.WORKFLOW_COMPLETE, "filter-failed");
        assertThat(app.events.fail(failed, "handler said no", app.clock.instant())).isTrue();
        claim(WebhookType.WORKFLOW_COMPLETE, "filter-running");

        logIn();
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("outcome"))).selectByValue("failed");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> driver.getCurrentUrl().contains("outcome=failed"));

        assertThat(browser.findElements(By.cssSelector("#deliveries tbody tr")))
                .allSatisfy(row -> assertThat(row.getAttribute("class")).isEqualTo("outcome-failed"));
        assertThat(browser.findElement(By.id("deliveries")).getText()).contains("filter-failed")
                .doesNotContain("filter-running");
        assertThat(new org.openqa.selenium.support.ui.Select(browser.findElement(By.name("outcome")))
                .getFirstSelectedOption().getAttribute("value")).isEqualTo("failed");
    }

    @Test
    void redeliverButtonSendsTheMessageAgainAfterConfirmation() throws Exception {
        claim(WebhookType.GITHUB, "with-message");
        MessageId message = new MessageId("msg_01consoletest");
        messages.put("github/with-message", List.of(new OutboundMessageView(message, new DestinationName("billing"),
                "dead", List.of(new OutboundMessageView.Attempt(1, app.clock.instant(), "failed",
                        Optional.of("HTTP 503 from <destination>"))))));

        logIn();
        browser.get(base + ConsoleRoutesPaths.delivery("github", "with-message"));
        assertThat(browser.findElement(By.id("messages")).getText())
                .contains("msg_01consoletest", "billing", "HTTP 503 from <destination>");
        browser.findElement(By.cssSelector("form.redeliver button")).click();
        browser.switchTo().alert().accept();

        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("scheduled");
        assertThat(redelivered).containsExactly(message);
    }

    private void logIn() {
        browser.get(base + "/console");
        browser.findElement(By.name("token")).sendKeys(TestApp.ADMIN_TOKEN);
        browser.findElement(By.id("login")).click();
        // the click returns once the form is submitted, not always once the next page has loaded
        WebElement deliveries = new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> driver.findElements(By.id("deliveries")).stream().findFirst().orElse(null));
        assertThat(deliveries.isDisplayed()).isTrue();
    }

    private void assertNothingRan() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.__xss")).isEqualTo("undefined");
    }

    private static void screenshot(String name) throws IOException {
        Files.write(SCREENSHOTS.resolve(name), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }

    private static Claim claim(WebhookType type, String key) {
        Delivery delivery = new Delivery(type, new DeliveryKey(new WebhookId(key), Fingerprint.of(key)), null, null);
        ClaimOutcome outcome = app.events.claim(IdempotencyPolicy.defaults().claimRequest(delivery, app.clock.instant()));
        assertThat(outcome).isInstanceOf(ClaimOutcome.Claimed.class);
        return ((ClaimOutcome.Claimed) outcome).claim();
    }

    private String logInOverHttp() throws Exception {
        HttpResponse<String> login = post("/console/login", null, Map.of("token", TestApp.ADMIN_TOKEN));
        assertThat(login.statusCode()).isEqualTo(303);
        return login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
    }

    private HttpResponse<String> sendGithubDelivery(String id, String body) throws Exception {
        byte[] bytes = Requests.utf8(body);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/webhooks/github"))
                .header("Content-Type", "application/json").header("X-GitHub-Delivery", id)
                .header("X-GitHub-Event", "issues")
                .header("X-Hub-Signature-256", Requests.sign(TestApp.GITHUB_SECRET, bytes))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String cookie, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .reduce((a, b) -> a + "&" + b).orElse("");
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The console's delivery URLs as a browser would request them. */
    private static final class ConsoleRoutesPaths {
        static String delivery(String source, String key) {
            return "/console/deliveries/" + source + "/"
                    + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20").replace("%2F", "/");
        }
    }
}
