package dev.workflowchat.chat.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.decoder.Decoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.gson.JsonObject;
import com.microsoft.playwright.Page;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client as an installable app, against the built service: the manifest and its icons,
 * the service worker (registered, keeping the app shell, never an API answer, the offline page),
 * compressed answers and how long browsers may keep each file.
 */
class WebClientInstallIT {

    private static final String FOREVER = "public, max-age=31536000, immutable";
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    /** What the page loaded from the shell's folders: the modules and libraries the worker must keep. */
    private static final String SHELL_FILES = "performance.getEntriesByType('resource').map(e => new URL(e.name))"
            + ".filter(u => u.origin === location.origin && /^\\/(app|_static|vendor)\\//.test(u.pathname)).map(u => u.href)";

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static Accounts accounts;
    private static Browser browser;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("install", run, run.redis(), Map.of());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theManifestDescribesTheAppAndItsIconsAreThereAtTheirSizes() throws Exception {
        HttpResponse<byte[]> answer = get("/manifest.json", Map.of());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode manifest = ProtocolJson.mapper().readTree(answer.body());
        String page = text(get("/", Map.of()));

        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(manifest.path("name").asText()).isEqualTo("Workflow Chat");
        softly.assertThat(manifest.path("short_name").asText()).isNotBlank().hasSizeLessThanOrEqualTo(15);
        softly.assertThat(manifest.path("start_url").asText()).isEqualTo("/");
        softly.assertThat(manifest.path("scope").asText()).isEqualTo("/");
        softly.assertThat(manifest.path("display").asText()).isEqualTo("standalone");
        // the dark theme's colours: the page's theme-color is the manifest's
        softly.assertThat(manifest.path("background_color").asText()).isEqualTo("#313338");
        softly.assertThat(manifest.path("theme_color").asText()).isEqualTo("#1e1f22");
        softly.assertThat(page).contains("<link rel=\"manifest\" href=\"/manifest.json\">")
                .contains("<meta name=\"theme-color\" content=\"" + manifest.path("theme_color").asText() + "\">");

        List<String> kinds = new ArrayList<>();
        for (JsonNode icon : manifest.path("icons")) {
            String sizes = icon.path("sizes").asText();
            kinds.add(sizes + " " + icon.path("purpose").asText("any"));
            HttpResponse<byte[]> image = get(icon.path("src").asText(), Map.of());
            softly.assertThat(image.statusCode()).as(icon.path("src").asText()).isEqualTo(200);
            softly.assertThat(image.headers().firstValue("Content-Type")).as(icon.path("src").asText()).hasValue("image/png");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(image.body()));
            softly.assertThat(png).as(icon.path("src").asText() + " is a PNG").isNotNull();
            if (png != null) {
                softly.assertThat(png.getWidth() + "x" + png.getHeight()).as(icon.path("src").asText()).isEqualTo(sizes);
            }
        }
        softly.assertThat(kinds).contains("192x192 any", "512x512 any", "512x512 maskable");
        softly.assertAll();
    }

    /** Lighthouse's best practices count every console error; "nobody is signed in yet" is no error. */
    @Test
    void aFirstVisitLogsNoErrorInTheConsole() {
        Page page = browser.newPage(chat.base(), "newcomer");
        List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        page.onConsoleMessage(message -> {
            if ("error".equals(message.type())) {
                errors.add(message.text());
            }
        });
        page.reload();
        page.locator("login-view input[name=username]").waitFor();
        page.evaluate("() => fetch('/api/auth/session').then(r => r.json())");
        assertThat(errors).isEmpty();
    }

    @Test
    void theBrowserRegistersTheServiceWorkerAndFindsTheAppInstallable() {
        Page page = browser.newPage(chat.base(), "installer");
        await().atMost(Duration.ofSeconds(20)).pollInSameThread().until(() -> chat.base().resolve("/sw.js").toString()
                .equals(page.evaluate("() => navigator.serviceWorker.getRegistration().then(r => r?.active?.scriptURL ?? '')")));

        // what Chromium itself says before it offers to install: the manifest parses and nothing is
        // missing (a browser context of a test is off the record, which alone would stop an install)
        var devtools = page.context().newCDPSession(page);
        JsonObject manifest = devtools.send("Page.getAppManifest");
        assertThat(manifest.getAsJsonArray("errors")).as(manifest.toString()).isEmpty();
        JsonObject installability = devtools.send("Page.getInstallabilityErrors");
        List<String> errors = new ArrayList<>();
        installability.getAsJsonArray("installabilityErrors")
                .forEach(error -> errors.add(error.getAsJsonObject().get("errorId").getAsString()));
        assertThat(errors).as(installability.toString()).isSubsetOf(List.of("in-incognito"));
        page.context().close();
    }

    @Test
    void afterOneVisitTheAppOpensWithoutANetworkAndAPageNeverKeptShowsTheOfflinePage() throws Exception {
        try (TcpProxy network = TcpProxy.to(chat.port())) {
            URI base = URI.create("http://127.0.0.1:" + network.port() + "/");
            Page page = browser.newPage(base, "traveller");
            awaitShellKept(page);

            network.cut();
            page.reload();
            page.locator("login-view input[name=username]").waitFor();
            assertThat(page.evaluate("() => navigator.serviceWorker.controller !== null")).isEqualTo(true);

            page.navigate("/never/visited");
            page.locator("[data-testid=offline]").waitFor();
            assertThat(page.title()).isEqualTo("Offline · Workflow Chat");
            Browser.screenshot(page, "offline-page");
            network.restore();
            page.context().close();
        }
    }

    @Test
    void apiAnswersAreNeverKeptOrServedByTheServiceWorker() throws Exception {
        SignedIn reader = accounts.newMember("cached");
        try (TcpProxy network = TcpProxy.to(chat.port())) {
            URI base = URI.create("http://127.0.0.1:" + network.port() + "/");
            Page page = browser.newPerson(base, reader.username(), Accounts.PASSWORD);
            awaitShellKept(page);
            // the worker controls the page, and the page has asked the API (/api/me, the channels …)
            assertThat(page.evaluate("() => fetch('/api/me').then(r => r.status)")).isEqualTo(200);

            Object keptApiAnswers = page.evaluate("async () => { let urls = [];"
                    + " for (const name of await caches.keys()) { for (const request of await (await caches.open(name)).keys())"
                    + " { urls.push(request.url); } } return urls.filter(u => new URL(u).pathname.startsWith('/api/')); }");
            assertThat((List<?>) keptApiAnswers).isEmpty();

            network.cut();
            assertThat(page.evaluate("() => fetch('/api/me').then(r => 'answered ' + r.status, () => 'failed')"))
                    .isEqualTo("failed");
            network.restore();
            page.context().close();
        }
    }

    @Test
    void textAnswersAreCompressed() throws Exception {
        SignedIn reader = accounts.newMember("squeezed");
        String lit = versionedLibraries().get(0);
        SoftAssertions softly = new SoftAssertions();
        for (String path : List.of("/", "/app/main.js", lit, "/manifest.json", "/api/channels")) {
            HttpResponse<byte[]> gzip = get(path, Map.of("Accept-Encoding", "gzip", "Authorization", "Bearer " + reader.token()));
            HttpResponse<byte[]> plain = get(path, Map.of("Authorization", "Bearer " + reader.token()));
            softly.assertThat(gzip.statusCode()).as(path).isEqualTo(200);
            softly.assertThat(gzip.headers().firstValue("Content-Encoding")).as(path + " with gzip").hasValue("gzip");
            softly.assertThat(plain.headers().firstValue("Content-Encoding")).as(path + " asked plain")
                    .isEmpty();
            if (gzip.headers().firstValue("Content-Encoding").orElse("").equals("gzip")) {
                byte[] unpacked = new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes();
                softly.assertThat(new String(unpacked, StandardCharsets.UTF_8)).as(path).isEqualTo(text(plain));
            }
        }
        HttpResponse<byte[]> login = http.send(HttpRequest.newBuilder(chat.base().resolve("/api/auth/login"))
                .header("Content-Type", "application/json").header("Accept-Encoding", "br, gzip")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + reader.username() + "\",\"password\":\""
                        + Accounts.PASSWORD + "\"}")).build(), HttpResponse.BodyHandlers.ofByteArray());
        softly.assertThat(login.statusCode()).as("login").isEqualTo(200);
        softly.assertThat(login.headers().firstValue("Content-Encoding").orElse("identity"))
                .as("the login answer, which holds the token").isEqualTo("identity");
        HttpResponse<byte[]> brotli = get("/app/main.js", Map.of("Accept-Encoding", "br, gzip"));
        softly.assertThat(brotli.headers().firstValue("Content-Encoding")).as("brotli").hasValue("br");
        if (brotli.headers().firstValue("Content-Encoding").orElse("").equals("br")) {
            Brotli4jLoader.ensureAvailability();
            softly.assertThat(new String(Decoder.decompress(brotli.body()).getDecompressedData(), StandardCharsets.UTF_8))
                    .contains("registerServiceWorker");
        }
        softly.assertAll();
    }

    @Test
    void libraryFilesAreKeptForAYearAndThePageAndTheAppsOwnFilesAreAskedAgain() throws Exception {
        List<String> libraries = versionedLibraries();
        SoftAssertions softly = new SoftAssertions();
        for (String library : libraries) {
            HttpResponse<byte[]> answer = get(library, Map.of());
            softly.assertThat(answer.statusCode()).as(library).isEqualTo(200);
            softly.assertThat(answer.headers().firstValue("Cache-Control")).as(library).hasValue(FOREVER);
        }
        for (String path : List.of("/", "/index.html", "/sw.js", "/manifest.json", "/app/main.js", "/offline.html",
                "/_static/lit/index.js")) {
            HttpResponse<byte[]> answer = get(path, Map.of());
            softly.assertThat(answer.statusCode()).as(path).isEqualTo(200);
            softly.assertThat(answer.headers().firstValue("Cache-Control")).as(path).hasValue("no-cache");
        }
        softly.assertThat(get("/api/me", Map.of()).headers().firstValue("Cache-Control")).as("/api/me")
                .isNotEqualTo(java.util.Optional.of(FOREVER));
        softly.assertAll();
    }

    /** The files the served import map names, each with its version in the path: lit's first. */
    private static List<String> versionedLibraries() throws IOException, InterruptedException {
        Matcher importMap = IMPORT_MAP.matcher(text(get("/", Map.of())));
        assertThat(importMap.find()).as("the page has an import map").isTrue();
        JsonNode imports = ProtocolJson.mapper().readTree(importMap.group(1)).path("imports");
        List<String> files = new ArrayList<>();
        imports.fields().forEachRemaining(entry -> {
            String target = entry.getValue().asText();
            assertThat(target).as(entry.getKey()).matches("/(_static|vendor)/[^/]+/\\d[^/]*/.*");
            if (!target.endsWith("/")) {
                files.add(target);
            }
        });
        assertThat(files.get(0)).startsWith("/_static/lit/");
        return files;
    }

    /** Waits until the service worker controls the page and keeps every module and library it loaded. */
    private static void awaitShellKept(Page page) {
        await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> Boolean.TRUE.equals(page.evaluate(
                "async () => { if (!navigator.serviceWorker.controller) return false;"
                        + " const files = " + SHELL_FILES + "; if (files.length < 10) return false;"
                        + " for (const file of files) { if (!(await caches.match(file))) return false; }"
                        + " return !!(await caches.match('/')); }")));
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(chat.base().resolve(path)).timeout(Duration.ofSeconds(15));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
