package dev.workflowchat.chat.support;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.ViewportSize;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium, headless, driven by Playwright; never a browser Playwright downloads.
 * Each {@link #newPerson} is its own browser context: its own cookies, as a second person.
 */
public final class Browser implements AutoCloseable {

    /** Where Debian's package puts it; WFCHAT_CHROMIUM points elsewhere. */
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("WFCHAT_CHROMIUM", "/usr/bin/chromium"));
    // Without the background-networking flags Chromium keeps dialling out, which this closed network refuses.
    private static final List<String> FLAGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage");
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    public static Browser launch() {
        if (!Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("Chromium is needed for the browser tests: apt-get install -y chromium"
                    + " (or set WFCHAT_CHROMIUM to its path); not found at " + CHROMIUM);
        }
        Playwright playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        com.microsoft.playwright.Browser chromium = playwright.chromium().launch(
                new com.microsoft.playwright.BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM).setHeadless(true).setArgs(FLAGS));
        return new Browser(playwright, chromium);
    }

    /** A new person at 1280×800, signed in through the login form. */
    public Page newPerson(URI base, String username, String password) {
        return newPerson(base, username, password, new ViewportSize(1280, 800));
    }

    public Page newPerson(URI base, String username, String password, ViewportSize viewport) {
        return newPerson(base, username, password, viewport, context -> { });
    }

    /** A new person whose browser context is first prepared (permissions granted, init scripts added). */
    public Page newPerson(URI base, String username, String password, ViewportSize viewport,
                          java.util.function.Consumer<BrowserContext> prepare) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(viewport).setBaseURL(base.toString()));
        prepare.accept(context);
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        // what the page says goes to the test's output, where a failure's cause is looked for
        page.onConsoleMessage(message -> System.out.println("[browser " + username + "] " + message.type() + ": "
                + message.text()));
        page.onPageError(error -> System.out.println("[browser " + username + "] page error: " + error));
        page.navigate("/");
        page.locator("login-view input[name=username]").fill(username);
        page.locator("login-view input[name=password]").fill(password);
        page.locator("login-view button[type=submit]").click();
        page.locator("[data-testid=connection]:has-text('Online')").waitFor();
        return page;
    }

    /**
     * A new person on a phone: 390×844, a touch screen ({@code pointer: coarse}), the clipboard
     * allowed; signed in through the login form.
     */
    public Page newPhone(URI base, String username, String password) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(new ViewportSize(390, 844)).setHasTouch(true).setIsMobile(true)
                .setBaseURL(base.toString()));
        context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onConsoleMessage(message -> System.out.println("[phone " + username + "] " + message.type() + ": "
                + message.text()));
        page.onPageError(error -> System.out.println("[phone " + username + "] page error: " + error));
        page.navigate("/", new Page.NavigateOptions().setTimeout(60_000)); // a busy machine loads the modules slowly
        page.locator("login-view input[name=username]").fill(username);
        page.locator("login-view input[name=password]").fill(password);
        page.locator("login-view button[type=submit]").tap();
        page.locator("[data-testid=connection]:has-text('Online')").waitFor();
        return page;
    }

    /** A page of the app at 1280×800 in a context of its own, nobody signed in. */
    public Page newPage(URI base, String name) {
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setViewportSize(new ViewportSize(1280, 800)).setBaseURL(base.toString()));
        Page page = context.newPage();
        page.setDefaultTimeout(15_000);
        page.onConsoleMessage(message -> System.out.println("[browser " + name + "] " + message.type() + ": "
                + message.text()));
        page.onPageError(error -> System.out.println("[browser " + name + "] page error: " + error));
        page.navigate("/");
        return page;
    }

    /** A DevTools session with the browser itself (targets such as service workers), Chromium's only. */
    public com.microsoft.playwright.CDPSession devtools() {
        return chromium.newBrowserCDPSession();
    }

    public static void screenshot(Page page, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    @Override
    public void close() {
        chromium.close();
        playwright.close();
    }
}
