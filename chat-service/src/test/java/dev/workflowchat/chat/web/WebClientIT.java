package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser client in Debian's Chromium against the built services as processes: what a
 * person does in the web chat, seen by another person, an agent on Redis, or both.
 */
class WebClientIT {

    /** theme-boot.js, the bundle's entry and its chunks, the chat's and the views' chunks, the service worker. */
    private static final int MAX_FIRST_SCRIPTS = 12;

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static StateBroadcasterProcess state;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        // Expiry is checked every second, as in ApprovalExpiryIT: the browser test is about the card
        // turning "expired", not about how long the production period (5 s) may add to that.
        chat = ChatServiceProcess.start("web", run, run.redis(), Map.of("WFCHAT_APPROVALS_EXPIRY_CHECK_EVERY", "1s"));
        state = StateBroadcasterProcess.start(run, run.redis());
        redis = new RedisClient(run.redis().uri());
        names = new RedisNames(run.redisPrefix());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (state != null) {
            state.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void twoPeopleChatAndSeeTypingEditsAndReactions() {
        String channel = Channels.create(accounts, "room");
        SignedIn alice = accounts.newMember("alice");
        SignedIn bob = accounts.newMember("bob");
        Page a = open(person(alice), channel);
        Page b = open(person(bob), channel);

        composer(a).pressSequentially("Hello Bob", new Locator.PressSequentiallyOptions().setDelay(30));
        assertThat(b.locator(".typing")).containsText(alice.username() + " is typing");
        composer(a).press("Enter");
        assertThat(message(b, "Hello Bob")).isVisible();
        assertThat(composer(a)).hasValue("");

        // ↑ in the empty composer edits the last own message
        composer(a).press("ArrowUp");
        Locator editor = a.locator("message-list textarea[aria-label='Edit message']");
        editor.fill("Hello Bob, edited");
        editor.press("Enter");
        assertThat(message(b, "Hello Bob, edited")).containsText("(edited)");

        Locator received = message(b, "Hello Bob, edited");
        received.hover();
        received.locator("[data-action=react]").click();
        received.locator(".reaction-picker .quick button", new Locator.LocatorOptions().setHasText("👍")).click();
        assertThat(message(a, "Hello Bob, edited").locator("[data-testid=reaction]")).hasText("👍 1");
        Browser.screenshot(a, "main-view");
    }

    /**
     * The production bundle (docs/performance.md): signing in asks for a handful of scripts, not the
     * app's sixty modules and Lit's, and highlight.js is asked for only once a code block shows.
     */
    @Test
    void aFirstVisitAsksForAFewScriptsAndHighlightJsOnlyWhenCodeShows() {
        List<String> scripts = new CopyOnWriteArrayList<>();
        String channel = Channels.create(accounts, "lean");
        SignedIn reader = accounts.newMember("lean");
        // the page's own requests (the service worker's copies for its cache are not the page's)
        Page page = browser.newPerson(chat.base(), reader.username(), Accounts.PASSWORD, new ViewportSize(1280, 800),
                context -> context.onPage(opened -> opened.onRequest(request -> {
                    String path = URI.create(request.url()).getPath();
                    if (path.endsWith(".js") || path.endsWith(".mjs")) {
                        scripts.add(path);
                    }
                })));
        open(page, channel);
        agentSays("code", channel, "No code here, just *words*");
        assertThat(message(page, "No code here").locator("em")).hasText("words");
        assertThat(scripts).as("the scripts of a first visit, signed in").hasSizeLessThanOrEqualTo(MAX_FIRST_SCRIPTS)
                .noneMatch(path -> path.contains("highlight"));

        agentSays("code", channel, "Now code:\n\n```java\npublic record Lean() { }\n```");
        assertThat(message(page, "Now code").locator("pre .hljs-keyword").first()).hasText("public");
        assertThat(scripts).as("highlight.js, asked for by the code block").anyMatch(path -> path.matches("/app/bundle/highlight-\\w+\\.js"));
    }

    @Test
    void anAgentMessageAppearsLiveWithMarkdownAndHighlightedCode() {
        String channel = Channels.create(accounts, "agents");
        Page page = open(person(accounts.newMember("watcher")), channel);

        agentSays("code", channel, "Build **passed** in `42s`\n\n```java\npublic class Greeter { }\n```");

        Locator message = message(page, "Build");
        assertThat(message.locator("strong")).hasText("passed");
        assertThat(message.locator("code").first()).hasText("42s");
        assertThat(message.locator("pre .hljs-keyword").first()).hasText("public");
        // it may scroll sideways: reachable by keyboard (axe's scrollable-region-focusable, seen at phone width)
        assertThat(message.locator("pre.code-block code")).hasAttribute("tabindex", "0");
        assertThat(message.locator("pre button.copy")).isVisible();
        assertThat(message.locator(".author")).hasText("💻 Code Agent");
    }

    @Test
    void anApproverApprovesInTheBrowserAndTheAgentAndOthersHearIt() {
        SignedIn lead = accounts.newApprover("lead");
        Page approver = open(person(lead), "workflow");
        Page member = open(person(accounts.newMember("dev")), "workflow");
        String approvalId = "t-" + UUID.randomUUID();
        String title = "Change the greeting " + approvalId.substring(2, 10);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", title).put("expires_in_s", 600);
        data.putObject("payload").put("diff", "-hello\n+hi").putArray("files").add("Greeter.java");
        redis.xadd(names.inStream(), envelope(approvalId, "approval.request", "code", data));

        Locator card = card(approver, title);
        assertThat(card).hasAttribute("data-status", "pending");
        assertThat(card).containsText("⚠️ Approval Required");
        assertThat(card.locator("[data-testid=expires]")).containsText("expires in");
        assertThat(card(member, title)).containsText("Waiting for an approver");
        card.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("approval-card.png")));

        card.locator("[data-action=approve]").click();

        await().atMost(Duration.ofSeconds(15)).until(() -> redis.xrange(names.agentStream("code")).stream()
                .anyMatch(entry -> entry.toString().contains("approval.decided") && entry.toString().contains(approvalId)));
        assertThat(card(member, title)).hasAttribute("data-status", "approved");
        assertThat(card(member, title).locator("[data-testid=card-title]")).hasText("✅ Approved by " + lead.username());
        assertThat(card(member, title).locator("[data-testid=decided-at]")).isVisible();
        assertThat(card).hasAttribute("data-status", "approved");
    }

    @Test
    void rejectingAsksForAReasonAndAnExpiredRequestShowsExpired() {
        Page approver = open(person(accounts.newApprover("judge")), "workflow");
        String rejected = requestApproval("Drop the tables", 600);
        String expiring = requestApproval("Quick one", 10); // the shortest an agent may ask for

        approver.locator("side-panel [data-tab=approvals]").click();
        assertThat(approver.locator("[data-testid=pending-approval]", new Page.LocatorOptions().setHasText(rejected)))
                .containsText("expires in");

        Locator card = card(approver, rejected);
        card.locator("[data-action=reject]").click();
        card.locator("button.danger", new Locator.LocatorOptions().setHasText("Reject")).click();
        assertThat(card.locator(".error")).hasText("A reason is required to reject.");
        assertThat(card).hasAttribute("data-status", "pending");
        card.locator("input[aria-label=Reason]").fill("not in production");
        card.locator("input[aria-label=Reason]").press("Enter");
        assertThat(card).hasAttribute("data-status", "rejected");
        assertThat(card.locator("[data-testid=outcome]")).containsText("not in production");

        // Bounded from the request, not from the reject above: it was asked for 10 s, checked every second
        assertThat(card(approver, expiring)).hasAttribute("data-status", "expired",
                new LocatorAssertions.HasAttributeOptions().setTimeout(30_000));
        assertThat(card(approver, expiring).locator("[data-testid=card-title]")).hasText("⌛ Expired: no decision in time");
        assertThat(approver.locator("[data-testid=pending-approval]", new Page.LocatorOptions().setHasText(expiring)))
                .hasCount(0);
    }

    @Test
    void scrollingUpLoadsOlderHistoryAndNewMessagesBelowShowAPill() {
        String channel = Channels.create(accounts, "long");
        SignedIn writer = accounts.newMember("chatty");
        try (ChatClient client = ChatClient.connect(chat.base(), writer.token())) {
            for (int i = 1; i <= 120; i++) {
                client.post(channel, "line " + i + " of the long story");
            }
            Page page = open(person(accounts.newMember("reader")), channel);
            assertThat(message(page, "line 120 of")).isInViewport();
            assertThat(message(page, "line 1 of")).hasCount(0); // only the newest page at first

            Locator scroller = page.locator("message-list .scroller");
            // Playwright's page belongs to this thread: poll here, scrolling up as a reader would
            await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                scroller.evaluate("s => s.scrollTop = 0");
                return message(page, "line 1 of the long story").count() > 0;
            });
            assertThat(message(page, "line 1 of the long story")).hasCount(1);
            assertThat(page.locator("message-list .start")).containsText("This is the start of the channel");

            scroller.evaluate("s => s.scrollTop = 0");
            client.post(channel, "a new line while reading old ones");
            assertThat(page.locator("message-list .pill")).isVisible();
            page.locator("message-list .pill").click();
            assertThat(message(page, "a new line while reading old ones")).isInViewport();
        }
    }

    @Test
    void unreadCountsPresenceAndSigningOut() {
        String channel = Channels.create(accounts, "quiet");
        SignedIn alice = accounts.newMember("poster");
        SignedIn bob = accounts.newMember("away");
        Page page = open(person(bob), "general");
        try (ChatClient client = ChatClient.connect(chat.base(), alice.token())) {
            client.post(channel, "one");
            client.post(channel, "two");
        }
        Locator link = page.locator("channel-sidebar a[data-channel='" + channel + "']");
        assertThat(link.locator("[data-testid=unread]")).hasText("2");
        assertThat(link).hasClass(java.util.regex.Pattern.compile(".*unread.*"));
        link.click();
        assertThat(link.locator("[data-testid=unread]")).hasCount(0);

        ObjectNode status = ProtocolJson.mapper().createObjectNode()
                .put("agent", "design").put("status", "busy").put("task", "Sketching the login page");
        redis.xadd(names.inStream(), envelope("t-" + UUID.randomUUID(), "agent.status", "design", status));
        // the agent's name opens this person's own DM with it
        Locator agent = page.locator("channel-sidebar a[data-channel='dm:design:" + bob.username() + "']");
        assertThat(agent).containsText("📐 design");
        assertThat(agent).containsText("Sketching the login page");
        assertThat(agent.locator(".dot")).hasClass(java.util.regex.Pattern.compile(".*busy.*"));

        // the agent's DM channel: the first message makes it, and the agent hears it on its own stream
        agent.click();
        assertThat(page.locator("channel-header h1")).hasText("📐 Design Agent");
        composer(page).fill("Can you add a dark mode?");
        composer(page).press("Enter");
        assertThat(message(page, "Can you add a dark mode?")).isVisible();
        await().atMost(Duration.ofSeconds(15)).until(() -> redis.xrange(names.agentStream("design")).stream()
                .anyMatch(entry -> entry.toString().contains("agent.direct") && entry.toString().contains("dark mode")));
        assertThat(page.locator(".notices")).not().containsText("Could not");

        page.locator("channel-sidebar button[title='Sign out']").click();
        assertThat(page.locator("login-view input[name=username]")).isVisible();
        assertThat(page.evaluate("() => fetch('/api/me').then(r => r.status)")).isEqualTo(401);
    }

    /**
     * Delivery by interest: the page tells the server which channel it looks at, so a busy channel
     * elsewhere comes as counts, not messages; looked at again, it catches up by a resume of that
     * channel, the new message and the edit shown once.
     */
    @Test
    void aChannelLookedAwayFromComesAsCountsAndCatchesUpWhenLookedAtAgain() {
        String channel = Channels.create(accounts, "busy");
        SignedIn reader = accounts.newMember("looker");
        SignedIn writer = accounts.newMember("talker");
        java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<String> sent = new java.util.concurrent.CopyOnWriteArrayList<>();
        Page page = browser.newPerson(chat.base(), reader.username(), Accounts.PASSWORD, new ViewportSize(1280, 800),
                context -> context.onPage(opened -> opened.onWebSocket(socket -> {
                    socket.onFrameReceived(frame -> received.add(frame.text()));
                    socket.onFrameSent(frame -> sent.add(frame.text()));
                })));
        try (ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            open(page, channel);
            String first = other.post(channel, "first words");
            assertThat(message(page, "first words")).isVisible();

            open(page, "general");
            await().atMost(Duration.ofSeconds(15)).until(() -> focusAcknowledged(sent, received, "general"));
            other.post(channel, "said while looked away");
            other.awaitAck(other.send("message.edit", "message_id", first, "content", "first words, edited"));
            Locator link = page.locator("channel-sidebar a[data-channel='" + channel + "']");
            assertThat(link.locator("[data-testid=unread]")).hasText("1");
            assertThat(received).anyMatch(frame -> frame.contains("\"type\":\"unread\""));
            assertThat(received).noneMatch(frame -> frame.contains("said while looked away"));

            link.click();
            assertThat(message(page, "said while looked away")).hasCount(1);
            assertThat(message(page, "first words, edited")).containsText("(edited)");
            assertThat(message(page, "first words")).hasCount(1);
        }
    }

    @Test
    void slashCommandsCompleteAnswerAndMoveTheStateBadge() {
        Page page = open(person(accounts.newMember("scrum")), "workflow");
        Locator composer = composer(page);

        composer.pressSequentially("/sp");
        assertThat(page.locator("[data-testid=suggestions]")).containsText("/sprint");
        composer.press("Tab");
        assertThat(composer).hasValue("/sprint ");

        composer.fill("/state");
        composer.press("Enter");
        assertThat(page.locator("message-list article.ephemeral.system").last()).containsText("IDLE");

        composer.fill("/epic \"Browser checkout\"");
        composer.press("Enter");
        assertThat(page.locator("[data-testid=state-badge]")).hasText("BACKLOG_READY");
    }

    @Test
    void aDroppedConnectionReconnectsAndShowsWhatWasMissedOnce() throws Exception {
        String channel = Channels.create(accounts, "flaky");
        SignedIn reader = accounts.newMember("reader");
        SignedIn writer = accounts.newMember("writer");
        try (TcpProxy proxy = TcpProxy.to(chat.port());
             ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            Page page = open(browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), reader.username(),
                    Accounts.PASSWORD), channel);
            other.post(channel, "before the cut");
            assertThat(message(page, "before the cut")).isVisible();

            proxy.cut();
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            for (int i = 1; i <= 3; i++) {
                other.post(channel, "while away " + i);
            }
            composer(page).fill("typed while offline");
            composer(page).press("Enter");
            proxy.restore();

            assertThat(page.locator("[data-testid=connection]")).hasText("Online");
            for (int i = 1; i <= 3; i++) {
                assertThat(message(page, "while away " + i)).hasCount(1);
            }
            assertThat(message(page, "typed while offline")).hasCount(1);
            assertThat(message(page, "typed while offline")).not().hasClass(java.util.regex.Pattern.compile(".*pending.*"));
            assertThat(message(page, "before the cut")).hasCount(1);
        }
    }

    @Test
    void uploadsShowThumbnailsAndDisguisedProgramsAreRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String channel = Channels.create(accounts, "files");
        Page page = open(person(accounts.newMember("uploader")), channel);
        Path image = dir.resolve("diagram.png");
        Files.write(image, png(120, 80));
        Path program = dir.resolve("cute-cat.png");
        Files.write(program, program());

        page.locator("main chat-composer input[type=file]").setInputFiles(image);
        assertThat(page.locator("main [data-testid=upload]")).containsText("Ready");
        composer(page).press("Enter");
        Locator thumbnail = page.locator("message-list img[data-testid=thumbnail]");
        assertThat(thumbnail).isVisible();
        await().atMost(Duration.ofSeconds(10)).pollInSameThread()
                .until(() -> (Boolean) thumbnail.evaluate("img => img.complete && img.naturalWidth > 0"));

        page.locator("side-panel [data-tab=files]").click();
        assertThat(page.locator("side-panel .file")).containsText("diagram.png");

        // dropped on the composer: a text file becomes a download chip
        page.locator("main chat-composer .box").evaluate("""
                box => {
                  const files = new DataTransfer();
                  files.items.add(new File(['release notes'], 'notes.txt', { type: 'text/plain' }));
                  box.dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
                }""");
        assertThat(page.locator("main [data-testid=upload]")).containsText("Ready");
        composer(page).fill("the notes");
        composer(page).press("Enter");
        assertThat(message(page, "the notes").locator("[data-testid=file-chip]")).containsText("notes.txt");

        page.locator("main chat-composer input[type=file]").setInputFiles(program);
        assertThat(page.locator("main [data-testid=upload] .error")).isVisible();
        assertThat(page.locator("main [data-testid=upload] .error")).not().isEmpty();
    }

    @Test
    void searchThreadsAndPinsWork() {
        String channel = Channels.create(accounts, "finder");
        SignedIn author = accounts.newMember("finder");
        Page page = open(person(author), channel);
        composer(page).fill("the quarterly needle report");
        composer(page).press("Enter");
        Locator original = message(page, "quarterly needle report");
        assertThat(original).isVisible();

        original.hover();
        original.locator("[data-action=thread]").click();
        Locator threadComposer = page.locator("thread-view [data-testid=composer]");
        threadComposer.fill("a reply in the thread");
        threadComposer.press("Enter");
        assertThat(page.locator("thread-view [data-testid=message]", new Page.LocatorOptions()
                .setHasText("a reply in the thread"))).isVisible();
        assertThat(original.locator("button.thread")).hasText("💬 1 reply");
        assertThat(message(page, "a reply in the thread")).hasCount(0); // not in the channel's main view

        original.hover();
        original.locator("[data-action=pin]").click();
        assertThat(original).containsText("pinned");
        page.locator("[data-testid=pins]").click();
        assertThat(page.locator("channel-header .pins")).containsText("quarterly needle report");
        page.locator("[data-testid=pins]").click();

        page.locator("channel-header input[type=search]").fill("needle");
        page.locator("channel-header input[type=search]").press("Enter");
        Locator result = page.locator("[data-testid=search-result]", new Page.LocatorOptions().setHasText("quarterly"));
        assertThat(result.locator("mark")).hasText("needle");
        result.click();
        assertThat(original.locator("article")).hasClass(java.util.regex.Pattern.compile(".*flash.*"));
    }

    @Test
    void theXssCorpusRunsNoScriptWhereverItIsShown() throws IOException {
        String channel = Channels.create(accounts, "xss");
        SignedIn admin = accounts.signInAdmin();
        String nastyName = "eve-" + UUID.randomUUID().toString().substring(0, 8);
        accounts.request().auth().oauth2(admin.token()).contentType("application/json")
                .body(Map.of("username", nastyName, "password", Accounts.PASSWORD, "roles", java.util.List.of("member"),
                        "display_name", "<img src=x onerror=\"window.__xss=1\">Eve"))
                .post("/api/users").then().statusCode(201);
        SignedIn eve = accounts.signIn(nastyName, Accounts.PASSWORD);
        String upload = accounts.request().auth().oauth2(eve.token())
                .multiPart("file", "<svg onload=window.__xss=1>.png", png(10, 10), "image/png")
                .post("/api/uploads").then().statusCode(201).extract().path("id");
        try (ChatClient client = ChatClient.connect(chat.base(), eve.token())) {
            for (String payload : XssCorpus.PAYLOADS) {
                client.post(channel, payload);
                agentSays("qa", channel, payload);
            }
            client.awaitAck(client.send("message.send", "channel", channel, "content", "file attached",
                    "attachment_ids", java.util.List.of(upload)));
        }
        ObjectNode data = ProtocolJson.mapper().createObjectNode().put("request_type", "deploy")
                .put("title", "<script>window.__xss=1</script>Deploy").put("channel", channel);
        data.putObject("payload").put("note", "<img src=x onerror=window.__xss=1>")
                .put("link", "[go](javascript:window.__xss=1)");
        redis.xadd(names.inStream(), envelope("t-" + UUID.randomUUID(), "approval.request", "qa", data));
        agentSays("qa", channel, "corpus done");

        Page page = open(person(accounts.newApprover("victim")), channel);
        assertThat(message(page, "corpus done")).isVisible();
        assertThat(page.locator("[data-testid=approval-card]")).isVisible();
        assertThat(message(page, "file attached").locator("img[data-testid=thumbnail]")).isVisible();
        assertThat(message(page, "<script>window.__xss=1</script>").first()).isVisible(); // shown as text
        for (Locator link : page.locator("message-list .md a").all()) {
            link.click(new Locator.ClickOptions().setModifiers(java.util.List.of()).setNoWaitAfter(true));
        }
        assertThat(page.evaluate(XssCorpus.FIND_ACTIVE_CONTENT)).asList().isEmpty();
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void atPhoneWidthTheSidebarsCollapse() {
        SignedIn person = accounts.newMember("phone");
        Page page = browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, new ViewportSize(390, 844));
        assertThat(page.locator("channel-sidebar")).not().isInViewport();
        assertThat(composer(page)).isInViewport();
        page.locator("channel-header button[title=Channels]").click();
        assertThat(page.locator("channel-sidebar")).isInViewport();
        Browser.screenshot(page, "phone-channels");
    }

    // ---- helpers

    /** Whether the page said it looks at the channel (a focus frame) and the server took it. */
    private static boolean focusAcknowledged(java.util.List<String> sent, java.util.List<String> received, String channel) {
        return sent.stream().map(WebClientIT::json)
                .filter(frame -> "focus".equals(frame.path("type").asText())
                        && channel.equals(frame.path("channels").path(0).asText()))
                .map(frame -> frame.path("ref").asText())
                .anyMatch(ref -> received.stream().map(WebClientIT::json)
                        .anyMatch(frame -> "ack".equals(frame.path("type").asText()) && ref.equals(frame.path("ref").asText())));
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (IOException e) {
            return ProtocolJson.mapper().createObjectNode();
        }
    }

    private static Page person(SignedIn user) {
        return browser.newPerson(chat.base(), user.username(), Accounts.PASSWORD);
    }

    static Page open(Page page, String channel) {
        page.locator("channel-sidebar a[data-channel='" + channel + "']").click();
        assertThat(page.locator("channel-header h1")).containsText(channel);
        return page;
    }

    static Locator composer(Page page) {
        return page.locator("main [data-testid=composer]");
    }

    static Locator message(Page page, String text) {
        return page.locator("message-list message-item", new Page.LocatorOptions().setHasText(text));
    }

    /** An approval request from the code agent in #workflow; returns its title. */
    private static String requestApproval(String title, int expiresInSeconds) {
        String unique = title + " " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", unique).put("expires_in_s", expiresInSeconds);
        data.putObject("payload").putArray("files").add("Schema.sql");
        redis.xadd(names.inStream(), envelope("t-" + UUID.randomUUID(), "approval.request", "code", data));
        return unique;
    }

    private static Locator card(Page page, String title) {
        return page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title));
    }

    static void agentSays(String agent, String channel, String content) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", channel).put("agent", agent).put("content", content);
        redis.xadd(names.inStream(), envelope("t-" + UUID.randomUUID(), "agent.message", agent, data));
    }

    static String envelope(String id, String type, String agent, ObjectNode data) {
        ObjectNode envelope = ProtocolJson.mapper().createObjectNode()
                .put("v", 1).put("id", id).put("type", type).put("source", "agent:" + agent);
        envelope.set("data", data);
        return envelope.toString();
    }

    static byte[] png(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        var graphics = image.createGraphics();
        graphics.setColor(new Color(88, 101, 242));
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    /** The first bytes of a Windows program, whatever the name says. */
    static byte[] program() {
        byte[] bytes = new byte[512];
        bytes[0] = 'M';
        bytes[1] = 'Z';
        return bytes;
    }
}
