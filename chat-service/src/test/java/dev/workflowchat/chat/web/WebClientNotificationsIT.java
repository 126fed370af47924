package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Approvals;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Notifications in Debian's Chromium against the built service: permission granted to the page,
 * the browser's real Notification recorded as the page makes them (an init script wraps it), the
 * tab's title and icon counting what waits, mute, and the settings kept on the server.
 */
class WebClientNotificationsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Wraps the page's Notification so each one made is recorded, and still made. */
    private static final String RECORD_NOTIFICATIONS = """
            (() => {
              const Real = window.Notification;
              window.__notifications = [];
              function Recording(title, options) {
                const made = new Real(title, options);
                window.__notifications.push({ title, body: options?.body ?? '', tag: options?.tag ?? '', made });
                return made;
              }
              Object.defineProperty(Recording, 'permission', { get: () => Real.permission });
              Recording.requestPermission = (...args) => Real.requestPermission(...args);
              Recording.prototype = Real.prototype;
              window.Notification = Recording;
            })();
            """;
    private static final Pattern COUNT = Pattern.compile("^\\((\\d+)\\) Workflow Chat$");

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-notify", run, run.redis(), Map.of());
        redis = new RedisClient(run.redis().uri());
        names = new RedisNames(run.redisPrefix());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
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
    void mentionsDmsAndApprovalsNotifyButNotTheOpenChannelNorAMutedDm() {
        SignedIn watcher = accounts.newUser("watcher", List.of("approver"));
        SignedIn writer = accounts.newMember("writer");
        String elsewhere = Channels.create(accounts, "elsewhere");
        Page page = watcherPage(watcher, new ViewportSize(1280, 800));
        turnOnDesktopNotifications(page);
        page.navigate("/#/c/general");
        assertThat(page.locator("channel-header h1")).containsText("general");
        page.bringToFront();

        try (ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            other.awaitType("ready");
            other.post("general", "@" + watcher.username() + " in the open channel, seen already");
            // a webhook's mention, before the person's, notifies nobody
            Hooks.Made hook = Hooks.incoming(accounts, elsewhere, "Pager bot");
            Hooks.postJson(accounts, hook.path(), "{\"text\":\"@" + watcher.username() + " from a webhook\"}")
                    .then().statusCode(200);
            String mention = other.post(elsewhere, "@" + watcher.username() + " please look at this");
            await().atMost(WAIT).until(() -> notifications(page).size() == 1);
            assertThat(notifications(page).get(0).path("title").asText())
                    .isEqualTo("User " + writer.username() + " mentioned you in #" + elsewhere);
            assertThat(notifications(page).get(0).path("tag").asText()).isEqualTo(mention);

            // clicking it opens the message
            page.evaluate("() => window.__notifications[0].made.onclick()");
            assertThat(page).hasURL(Pattern.compile(".*#/c/" + elsewhere + "/m/" + mention + "$"));
            page.navigate("/#/c/general");

            // an agent's message in the person's DM notifies, until the person mutes the DM
            String dm = "dm:code:" + watcher.username();
            agentSays(dm, "first news in your DM");
            await().atMost(WAIT).until(() -> notifications(page).size() == 2);
            assertThat(notifications(page).get(1).path("title").asText()).endsWith("in your DM with code");
            page.navigate("/#/c/" + dm);
            page.locator("mute-button button").click();
            assertThat(page.locator("mute-button button")).hasAttribute("aria-pressed", "true");
            page.navigate("/#/c/general");
            await().atMost(WAIT).until(() -> accounts.request().auth().oauth2(watcher.token())
                    .get("/api/me/preferences").then().extract().<List<String>>path("muted").contains(dm));
            agentSays(dm, "muted news in your DM");
            askApproval("Deploy on Friday " + UUID.randomUUID().toString().substring(0, 6));
            await().atMost(WAIT).until(() -> notifications(page).size() == 3);
            assertThat(notifications(page).get(2).path("title").asText()).isEqualTo("Approval needed in #workflow");
            assertThat(notifications(page)).extracting(n -> n.path("body").asText())
                    .noneMatch(body -> body.contains("muted news"));
        }
    }

    @Test
    void theTitleAndTheIconCountWhatWaitsAndAMutedChannelDoesNotCount() {
        SignedIn watcher = accounts.newMember("counter");
        SignedIn writer = accounts.newMember("chatty");
        String loud = Channels.create(accounts, "loud");
        String quiet = Channels.create(accounts, "quiet");
        Page page = watcherPage(watcher, new ViewportSize(1280, 800));
        page.navigate("/#/c/" + quiet);
        page.locator("mute-button button").click();
        assertThat(page.locator("mute-button button")).hasAttribute("aria-pressed", "true");
        page.navigate("/#/c/general");
        assertThat(page.locator("channel-header h1")).containsText("general");
        int before = titleCount(page);

        try (ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            other.awaitType("ready");
            for (int i = 0; i < 3; i++) {
                other.post(quiet, "quiet chatter " + i);
            }
            other.post(loud, "something worth counting");
            // the loud channel's message came after the quiet ones: once it is counted, they were not
            assertThat(page.locator("channel-sidebar a[data-channel=" + loud + "] [data-testid=unread]")).hasText("1");
            assertThat(page).hasTitle("(" + (before + 1) + ") Workflow Chat");
            assertThat(page.locator("link[rel=icon]")).hasAttribute("data-count", String.valueOf(before + 1));
            assertThat(page.locator("link[rel=icon]").getAttribute("href")).startsWith("data:image/svg+xml,");

            // a mention of the person in the muted channel still counts
            other.post(quiet, "@" + watcher.username() + " you are needed here");
            assertThat(page).hasTitle("(" + (before + 2) + ") Workflow Chat");
        }
        page.locator("channel-sidebar [data-testid=mark-all-read], channel-sidebar button:has-text('Mark all read')").first().click();
        assertThat(page).hasTitle("Workflow Chat");
        assertThat(page.locator("link[rel=icon]")).hasAttribute("href", "/app/favicon.svg");
    }

    @Test
    void settingsAreKeptOnTheServerAndPassAxeAtBothSizes() {
        SignedIn person = accounts.newMember("settler");
        Page page = watcherPage(person, new ViewportSize(1440, 900));
        page.navigate("/#/v/settings");
        assertThat(page.locator("notification-settings h2")).hasText("Notifications");
        assertThat(page.locator("[data-testid=push-off]")).containsText("Push is off on this server");
        page.locator("[data-testid=kind-dms]").uncheck();
        assertThat(page.locator("[data-testid=notification-status]")).hasText("Saved.");
        turnOnDesktopNotifications(page);
        assertThat(Axe.seriousViolations(page)).isEmpty();
        Browser.screenshot(page, "notification-settings");

        page.reload();
        assertThat(page.locator("[data-testid=kind-dms]")).not().isChecked();
        assertThat(page.locator("[data-testid=kind-mentions]")).isChecked();
        assertThat(page.locator("[data-testid=desktop]")).isChecked();
        JsonNode saved = Approvals.json(accounts.request().auth().oauth2(person.token()).get("/api/me/preferences").asString());
        assertThat(saved.path("dms").asBoolean()).isFalse();
        assertThat(saved.path("desktop").asBoolean()).isTrue();

        page.setViewportSize(390, 844);
        assertThat(page.locator("notification-settings h2")).isVisible();
        assertThat(Axe.seriousViolations(page)).isEmpty();
        Browser.screenshot(page, "notification-settings-phone");
    }

    private static Page watcherPage(SignedIn person, ViewportSize size) {
        return browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, size, context -> {
            context.grantPermissions(List.of("notifications"));
            context.addInitScript(RECORD_NOTIFICATIONS);
        });
    }

    private static void turnOnDesktopNotifications(Page page) {
        page.navigate("/#/v/settings");
        page.locator("[data-testid=desktop]").check();
        assertThat(page.locator("[data-testid=notification-status]")).hasText("Saved.");
    }

    private static List<JsonNode> notifications(Page page) {
        Object recorded = page.evaluate("() => JSON.stringify(window.__notifications.map(({ made, ...n }) => n))");
        JsonNode list = Approvals.json((String) recorded);
        return java.util.stream.StreamSupport.stream(list.spliterator(), false).toList();
    }

    private static int titleCount(Page page) {
        Matcher count = COUNT.matcher(page.title());
        return count.matches() ? Integer.parseInt(count.group(1)) : 0;
    }

    private static void agentSays(String channel, String content) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("channel", channel).put("agent", "code").put("content", content);
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "agent.message", "code", data));
    }

    private static void askApproval(String title) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", title).put("expires_in_s", 900).put("risk", "high");
        data.putObject("payload");
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", "code", data));
    }
}
