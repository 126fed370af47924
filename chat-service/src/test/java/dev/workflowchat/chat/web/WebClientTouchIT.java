package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.microsoft.playwright.CDPSession;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.BoundingBox;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client on a phone's touch screen (390×844, touch, coarse pointer) in Debian's Chromium:
 * a message's action sheet by long press or its ⋯ button, 44 px for every control, and search
 * results and pins that read as the messages do and lead to them.
 */
class WebClientTouchIT {

    private static final Pattern FLASH = Pattern.compile(".*\\bflash\\b.*");

    /**
     * Every control in sight (buttons, links, inputs, tabs, options, through shadow roots) smaller
     * than 44×44, described. Links and checkboxes inside a message's text are inline in a sentence
     * (WCAG 2.5.8's exception), as are the hidden ones (no box) and those scrolled out of sight.
     */
    private static final String SMALL_CONTROLS = """
            () => {
              const selector = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=tab], [role=option]';
              const small = [];
              const check = (el) => {
                const r = el.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.bottom <= 0 || r.right <= 0 || r.top >= innerHeight || r.left >= innerWidth) return;
                if (getComputedStyle(el).visibility === 'hidden') return;
                if (el.matches('a, input') && el.closest('.md')) return;
                if (r.width < 43.5 || r.height < 43.5) {
                  const host = el.getRootNode().host?.localName ?? 'document';
                  const what = el.dataset.action ?? el.dataset.testid ?? el.getAttribute('aria-label') ?? el.title ?? '';
                  small.push(`${host} ${el.localName}${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}`
                    + ` [${what}] "${(el.textContent || el.value || '').trim().slice(0, 24)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
                }
              };
              const walk = (root) => {
                for (const el of root.querySelectorAll('*')) {
                  if (el.matches(selector)) check(el);
                  if (el.shadowRoot) walk(el.shadowRoot);
                }
              };
              walk(document);
              return small;
            }""";

    /**
     * Controls in sight whose boxes overlap another control's, or a code block's label or code, by
     * more than a pixel each way, described (one containing the other is not an overlap). A box is
     * what its scrolling ancestors let show: a message scrolled under the header is not under it;
     * with a modal dialog open (the action sheet), only its own controls count, the rest is inert.
     */
    private static final String OVERLAPS = """
            () => {
              const controls = 'button, a[href], input:not([type=hidden]), select, textarea, summary, [role=tab], [role=option]';
              const content = 'pre.code-block code, pre.code-block .code-lang';
              const shown = (el) => {
                const r = el.getBoundingClientRect();
                let box = { left: Math.max(r.left, 0), top: Math.max(r.top, 0), right: Math.min(r.right, innerWidth), bottom: Math.min(r.bottom, innerHeight) };
                for (let up = el.parentElement ?? el.getRootNode().host; up; up = up.parentElement ?? up.getRootNode().host) {
                  if (getComputedStyle(up).overflow !== 'visible') {
                    const c = up.getBoundingClientRect();
                    box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top), right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
                  }
                }
                // checkVisibility: not hidden, nor in a subtree that isn't rendered (a closed <details>)
                return box.right > box.left && box.bottom > box.top && el.checkVisibility({ visibilityProperty: true }) ? box : null;
              };
              let items = [];
              const boxes = new Map();
              const modals = [];
              const walk = (root) => {
                for (const el of root.querySelectorAll('*')) {
                  const box = el.matches(controls + ', ' + content) && shown(el);
                  if (box) { items.push(el); boxes.set(el, box); }
                  if (el.matches('dialog:modal')) modals.push(el);
                  if (el.shadowRoot) walk(el.shadowRoot);
                }
              };
              walk(document);
              const inModal = (el) => {
                for (let up = el; up; up = up.parentElement ?? up.getRootNode().host) if (modals.includes(up)) return true;
                return false;
              };
              if (modals.length) items = items.filter(inModal);
              const name = (el) => `${el.getRootNode().host?.localName ?? 'document'} ${el.localName}`
                + `${el.className ? '.' + String(el.className).trim().split(/\\s+/).join('.') : ''}`
                + ` "${(el.getAttribute('aria-label') || el.textContent || el.value || '').trim().slice(0, 24)}"`;
              const found = [];
              items.forEach((a, i) => items.slice(i + 1).forEach((b) => {
                if ((!a.matches(controls) && !b.matches(controls)) || a.contains(b) || b.contains(a)) return;
                const p = boxes.get(a), q = boxes.get(b);
                const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
                const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
                if (w > 1 && h > 1) found.push(`${name(a)} overlaps ${name(b)} by ${Math.round(w)}×${Math.round(h)}`);
              }));
              return found;
            }""";

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("touch", run, run.redis(), Map.of());
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
        if (chat != null) {
            chat.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @Test
    void aLongPressOpensTheActionSheetWhoseActionsWorkAndEscapeBackAndTheScrimClose() {
        String channel = Channels.create(accounts, "touch");
        SignedIn phoneUser = accounts.newMember("thumb");
        String otherId;
        try (ChatClient other = ChatClient.connect(chat.base(), accounts.newMember("poster").token())) {
            otherId = other.post(channel, "press and hold me");
        }
        Page page = onPhone(phoneUser, channel);
        Locator theirs = WebClientIT.message(page, "press and hold me");
        assertThat(theirs.locator("[data-action=more]")).isVisible();
        assertThat(theirs.locator(".actions")).not().isVisible(); // no hover bar on a touch screen

        longPress(page, theirs);
        Locator sheet = sheet(page);
        assertThat(sheet.locator("[data-action=thread]")).isVisible();
        assertThat(sheet.locator("[data-action=pin]")).isVisible();
        assertThat(sheet.locator("[data-action=edit]")).hasCount(0); // someone else's: not theirs to edit
        assertThat(sheet.locator("[data-action=delete]")).hasCount(0);
        assertThat(Axe.seriousViolations(page)).isEmpty();
        Browser.screenshot(page, "phone-action-sheet");
        sheet.locator("[data-reaction='👍']").tap();
        assertThat(sheet).not().isVisible();
        assertThat(theirs.locator("[data-testid=reaction]")).hasText("👍 1");
        assertThat(theirs.locator("article")).isFocused(); // back where the press was

        // the ⋯ button: copy the message's link; the focus comes back to the button
        theirs.locator("[data-action=more]").tap();
        assertThat(sheet).isVisible();
        sheet.locator("[data-action=copy-link]").tap();
        assertThat(sheet).not().isVisible();
        assertThat(theirs.locator("[data-action=more]")).isFocused();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                page.evaluate("() => navigator.clipboard.readText()").toString()).endsWith("#/c/" + channel + "/m/" + otherId));

        // Escape closes, the focus stays in the sheet while it is open
        theirs.locator("[data-action=more]").tap();
        assertThat(sheet).isVisible();
        page.keyboard().press("Shift+Tab");
        page.keyboard().press("Shift+Tab");
        assertThat(page.evaluate("() => document.activeElement?.localName")).isEqualTo("message-sheet");
        page.keyboard().press("Escape");
        assertThat(sheet).not().isVisible();
        assertThat(theirs.locator("[data-action=more]")).isFocused();

        // the scrim and the browser's back close it too, and back leaves the channel where it was
        theirs.locator("[data-action=more]").tap();
        assertThat(sheet).isVisible();
        page.touchscreen().tap(195, 40);
        assertThat(sheet).not().isVisible();
        theirs.locator("[data-action=more]").tap();
        assertThat(sheet).isVisible();
        page.goBack();
        assertThat(sheet).not().isVisible();
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + channel + "$"));

        // quote puts it in the composer; reply in thread opens the thread
        theirs.locator("[data-action=more]").tap();
        sheet.locator("[data-action=quote]").tap();
        assertThat(WebClientIT.composer(page)).hasValue(Pattern.compile("^> .+ wrote:\n> press and hold me\n"));
        WebClientIT.composer(page).fill("");
        longPress(page, theirs);
        sheet.locator("[data-action=thread]").tap();
        assertThat(page.locator("thread-view [data-testid=thread]")).containsText("press and hold me");
        page.locator("thread-view button[title='Close thread']").tap();
        page.touchscreen().tap(10, 400); // the scrim closes the side drawer

        // one's own message: edit and delete are offered, as on the hover bar
        WebClientIT.composer(page).fill("my own words");
        WebClientIT.composer(page).press("Enter");
        Locator mine = WebClientIT.message(page, "my own words");
        assertThat(mine.locator("[data-action=more]")).isVisible();
        mine.locator("[data-action=more]").tap();
        assertThat(sheet.locator("[data-action=edit]")).isVisible();
        assertThat(sheet.locator("[data-action=delete]")).isVisible();
        sheet.locator("[data-action=edit]").tap();
        assertThat(page.locator("message-list textarea[aria-label='Edit message']")).hasValue("my own words");
    }

    @Test
    void noControlIsSmallerThan44PixelsOnAPhone() {
        SignedIn phoneUser = accounts.newApprover("fingers");
        String title = "Touch the card " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode().put("request_type", "code_change").put("title", title)
                .put("expires_in_s", 900).put("risk", "high").put("reason", "a reason").put("command", "make it")
                .put("diff", "-a\n+b");
        data.putObject("payload").put("files", "A.java");
        data.putArray("links").add("https://ci.example/run/1");
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", "code", data));
        String parent;
        try (ChatClient other = ChatClient.connect(chat.base(), accounts.newMember("talker").token())) {
            parent = other.post("workflow", "with a reaction and code\n\n```java\nclass A { }\n```");
            other.awaitAck(other.send("reaction.add", "message_id", parent, "reaction", "🎉"));
            other.awaitAck(other.send("message.send", "channel", "workflow", "content", "a reply", "thread_id", parent));
            other.awaitAck(other.send("message.pin", "message_id", parent));
        }
        Page page = onPhone(phoneUser, "workflow");
        assertThat(page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title))).isVisible();
        assertThat(WebClientIT.message(page, "with a reaction and code").locator("button.thread")).isVisible();
        WebClientIT.message(page, "with a reaction and code").scrollIntoViewIfNeeded();
        List<String> small = new ArrayList<>(smallControls(page, "conversation"));
        page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title)).scrollIntoViewIfNeeded();
        small.addAll(smallControls(page, "approval card"));

        page.locator("channel-header button[title=Channels]").tap();
        assertThat(page.locator("channel-sidebar")).isInViewport();
        small.addAll(smallControls(page, "sidebar"));
        page.touchscreen().tap(380, 400); // the scrim
        assertThat(page.locator("channel-sidebar")).not().isInViewport();

        page.locator("channel-header button[title=Context]").tap();
        for (String tab : List.of("context", "approvals", "files")) {
            page.locator("side-panel [data-tab=" + tab + "]").tap();
            small.addAll(smallControls(page, "side panel " + tab));
        }
        page.touchscreen().tap(10, 400);

        page.locator("[data-testid=pins]").tap();
        assertThat(page.locator("channel-header .pins [data-testid=pin]")).hasCount(1);
        small.addAll(smallControls(page, "pins"));
        page.keyboard().press("Escape");

        page.locator("channel-header input[type=search]").fill("reaction");
        page.locator("channel-header input[type=search]").press("Enter");
        assertThat(page.locator("[data-testid=search-result]").first()).isVisible();
        small.addAll(smallControls(page, "search"));
        page.locator("search-results button[title='Close search']").tap();
        page.touchscreen().tap(10, 400);

        WebClientIT.message(page, "with a reaction and code").locator("button.thread").tap();
        assertThat(page.locator("thread-view [data-testid=thread]")).containsText("a reply");
        small.addAll(smallControls(page, "thread"));
        page.locator("thread-view button[title='Close thread']").tap();
        page.touchscreen().tap(10, 400);

        WebClientIT.message(page, "with a reaction and code").locator("[data-action=more]").tap();
        assertThat(sheet(page)).isVisible();
        small.addAll(smallControls(page, "action sheet"));
        page.keyboard().press("Escape");
        assertThat(sheet(page)).not().isVisible();
        page.waitForFunction("() => !history.state?.messageSheet"); // the sheet's history entry is gone

        page.evaluate("() => { location.hash = '#/v/settings'; }");
        assertThat(page.locator("main-view [data-testid=view-title]")).isVisible();
        small.addAll(smallControls(page, "settings view"));

        assertThat(small).as("controls under 44×44 px on a 390×844 touch screen:\n" + String.join("\n", small)).isEmpty();
    }

    @Test
    void noControlOverlapsAnotherOrACodeBlocksLabelOrCodeOnAPhone() {
        SignedIn phoneUser = accounts.newApprover("overlaps");
        String title = "Overlap the card " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode().put("request_type", "code_change").put("title", title)
                .put("expires_in_s", 900).put("risk", "medium").put("reason", "a reason").put("command", "make it")
                .put("diff", "-a\n+b");
        data.putObject("payload").put("files", "A.java");
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", "code", data));
        String labelled = "labelled code " + UUID.randomUUID().toString().substring(0, 8);
        String unlabelled = "unlabelled code " + UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient other = ChatClient.connect(chat.base(), accounts.newMember("coder").token())) {
            other.post("workflow", labelled + "\n\n```java\npublic final class AClassNameLongEnoughToRunUnderTheButton { }\n```");
            other.post("workflow", unlabelled + "\n\n```\na first line long enough to run under a button\n```");
        }
        Page page = onPhone(phoneUser, "workflow");
        List<String> overlaps = new ArrayList<>();
        for (String text : List.of(labelled, unlabelled)) {
            Locator message = WebClientIT.message(page, text);
            assertThat(message.locator("pre.code-block button.copy")).isVisible();
            message.scrollIntoViewIfNeeded();
            overlaps.addAll(overlaps(page, "conversation, " + text.substring(0, text.indexOf(' ', 2))));
            BoundingBox copy = message.locator("pre.code-block button.copy").boundingBox();
            assertThat(copy.height).as("Copy's height").isGreaterThanOrEqualTo(43.5);
        }
        Locator card = page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title));
        card.scrollIntoViewIfNeeded();
        assertThat(card).isInViewport();
        overlaps.addAll(overlaps(page, "approval card and composer"));

        WebClientIT.message(page, labelled).locator("[data-action=more]").tap();
        assertThat(sheet(page)).isVisible();
        overlaps.addAll(overlaps(page, "action sheet"));
        page.keyboard().press("Escape");
        assertThat(sheet(page)).not().isVisible();

        Browser.screenshot(page, "phone-code-and-card");
        assertThat(overlaps).as("overlapping controls on a 390×844 touch screen:\n" + String.join("\n", overlaps)).isEmpty();
    }

    @Test
    void searchResultsAndPinsReadAsMarkdownInertlyAndLeadToAMessageFarBack() {
        String channel = Channels.create(accounts, "archive");
        SignedIn phoneUser = accounts.newMember("reader");
        String marker = "zebra" + UUID.randomUUID().toString().substring(0, 6);
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("scribe").token())) {
            String far = writer.post(channel, "**" + marker + "** bold and `inline code` "
                    + "<img src=x onerror=\"window.__xss=1\"> [bad](javascript:window.__xss=1)");
            writer.awaitAck(writer.send("message.pin", "message_id", far));
            for (int i = 1; i <= 300; i++) {
                writer.post(channel, "filler " + i);
            }
        }
        Page page = onPhone(phoneUser, channel);
        assertThat(WebClientIT.message(page, "filler 300")).isVisible();

        page.locator("[data-testid=pins]").tap();
        Locator pin = page.locator("channel-header .pins [data-testid=pin]");
        assertThat(pin.locator(".md strong")).hasText(marker);
        assertThat(pin.locator(".md code")).hasText("inline code");
        assertThat(pin.locator("img")).hasCount(0);
        assertThat(pin.locator("a[href^='javascript']")).hasCount(0);
        pin.locator(".md strong").tap();
        Locator far = WebClientIT.message(page, marker);
        assertThat(far.locator("article")).hasClass(FLASH);
        assertThat(far).isInViewport();
        assertThat(far.locator("article")).isFocused();
        assertThat(far.locator("article")).not().hasClass(FLASH, new com.microsoft.playwright.assertions.LocatorAssertions
                .HasClassOptions().setTimeout(10_000)); // the highlight passes

        page.evaluate("() => { location.hash = '#/c/general'; }");
        assertThat(page.locator("channel-header h1")).containsText("general");
        page.locator("channel-header input[type=search]").fill(marker);
        page.locator("channel-header input[type=search]").press("Enter");
        Locator result = page.locator("[data-testid=search-result]");
        assertThat(result.locator(".md strong mark")).hasText(marker);
        assertThat(result.locator(".md code")).hasText("inline code");
        assertThat(result.locator("img")).hasCount(0);
        assertThat(result.locator("a[href^='javascript']")).hasCount(0);
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
        result.locator(".md strong").tap();
        assertThat(page.locator("channel-header h1")).containsText(channel);
        assertThat(far.locator("article")).hasClass(FLASH);
        assertThat(far).isInViewport();
        assertThat(far.locator("article")).isFocused();
        assertThat(page.evaluate("() => window.__xss === undefined")).isEqualTo(true);
    }

    @Test
    void aSearchResultInAThreadOpensTheThreadAtTheReply() {
        String channel = Channels.create(accounts, "threads");
        SignedIn phoneUser = accounts.newMember("seeker");
        String marker = "okapi" + UUID.randomUUID().toString().substring(0, 6);
        try (ChatClient writer = ChatClient.connect(chat.base(), accounts.newMember("replier").token())) {
            String parent = writer.post(channel, "the thread's start");
            writer.awaitAck(writer.send("message.send", "channel", channel, "content", "_" + marker + "_ in a reply",
                    "thread_id", parent));
        }
        Page page = onPhone(phoneUser, channel);
        page.locator("channel-header input[type=search]").fill(marker);
        page.locator("channel-header input[type=search]").press("Enter");
        Locator result = page.locator("[data-testid=search-result]");
        assertThat(result.locator(".md em mark")).hasText(marker);
        result.locator(".meta").tap();
        Locator reply = page.locator("thread-view message-item", new Page.LocatorOptions().setHasText(marker));
        assertThat(reply.locator("article")).hasClass(FLASH);
        assertThat(reply.locator("article")).isFocused();
    }

    /**
     * A phone's first paint is the conversation: the drawers out of sight (channels, context) and the
     * quick switcher render when the browser is first idle, or a drawer when it is drawn out, and
     * then it stays. The page here never gets an idle moment, so only a drawer drawn out renders.
     */
    @Test
    void aPhonesDrawersRenderWhenDrawnOutNotWithTheConversation() {
        Page page = browser.newPhone(chat.base(), accounts.newMember("drawers").username(), Accounts.PASSWORD);
        page.context().addInitScript("window.requestIdleCallback = () => 0;");
        page.reload(); // signed in: straight to the conversation
        assertThat(page.locator("channel-header h1")).isVisible();
        assertThat(page.locator("message-list")).isVisible();
        assertThat(page.locator("channel-sidebar")).hasCount(0);
        assertThat(page.locator("side-panel")).hasCount(0);
        assertThat(page.locator("quick-switcher")).hasCount(0);

        page.locator("channel-header button[title=Channels]").tap();
        assertThat(page.locator("channel-sidebar")).isInViewport();
        assertThat(page.locator("[data-testid=connection]")).hasText("Online");
        page.touchscreen().tap(380, 400); // the scrim
        assertThat(page.locator("channel-sidebar")).not().isInViewport();
        assertThat(page.locator("channel-sidebar")).hasCount(1);
        page.context().close();
    }

    // ---- helpers

    private static Page onPhone(SignedIn user, String channel) {
        Page page = browser.newPhone(chat.base(), user.username(), Accounts.PASSWORD);
        page.evaluate("c => { location.hash = '#/c/' + c; }", channel);
        assertThat(page.locator("channel-header h1")).containsText(channel);
        assertThat(page.locator("channel-sidebar")).not().isInViewport();
        return page;
    }

    private static Locator sheet(Page page) {
        return page.locator("message-sheet dialog");
    }

    /** A finger held on the message's header until the action sheet shows, then lifted. */
    private static void longPress(Page page, Locator message) {
        message.scrollIntoViewIfNeeded();
        BoundingBox box = message.boundingBox();
        CDPSession cdp = page.context().newCDPSession(page);
        try {
            cdp.send("Input.dispatchTouchEvent", touch("touchStart", box.x + box.width / 3, box.y + box.height / 2));
            assertThat(sheet(page)).isVisible();
            cdp.send("Input.dispatchTouchEvent", touch("touchEnd", -1, -1));
        } finally {
            cdp.detach();
        }
    }

    private static JsonObject touch(String type, double x, double y) {
        JsonObject event = new JsonObject();
        event.addProperty("type", type);
        JsonArray points = new JsonArray();
        if (x >= 0) {
            JsonObject point = new JsonObject();
            point.addProperty("x", x);
            point.addProperty("y", y);
            points.add(point);
        }
        event.add("touchPoints", points);
        return event;
    }

    @SuppressWarnings("unchecked")
    private static List<String> overlaps(Page page, String where) {
        return ((List<String>) page.evaluate(OVERLAPS)).stream().map(line -> where + ": " + line).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> smallControls(Page page, String where) {
        return ((List<String>) page.evaluate(SMALL_CONTROLS)).stream().map(line -> where + ": " + line).toList();
    }
}
