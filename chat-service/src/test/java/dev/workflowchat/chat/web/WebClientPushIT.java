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
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.BrowserPush;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.PushService;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Web Push in Debian's Chromium against the built service, the browser's push service played by the
 * test's {@link PushService}: the person turns push on in Settings, the page subscribes with the
 * server's key and registers the subscription, the server's push is checked and decrypted there,
 * and the service worker shows what a push service delivers to it.
 */
class WebClientPushIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String[] VAPID = PushService.newVapidKeys();

    private static TestRun run;
    private static PushService pushService;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        pushService = new PushService(VAPID[0]);
        chat = ChatServiceProcess.start("web-push", run, run.redis(), Map.of(
                "WFCHAT_PUSH_VAPID_PUBLIC_KEY", VAPID[0], "WFCHAT_PUSH_VAPID_PRIVATE_KEY", VAPID[1],
                "WFCHAT_PUSH_VAPID_SUBJECT", "mailto:ops@example.com",
                "WFCHAT_PUSH_ALLOWED_TEST_ENDPOINTS", pushService.origin() + "/push/"));
        redis = new RedisClient(run.redis().uri());
        names = new RedisNames(run.redisPrefix());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (redis != null) {
            redis.close();
        }
        if (chat != null) {
            chat.close();
        }
        if (pushService != null) {
            pushService.close();
        }
        if (run != null) {
            run.close();
        }
    }

    @AfterEach
    void nothingBrokeTheProtocol() {
        assertThat(pushService.refusals()).isEmpty();
    }

    @Test
    void pushTurnedOnInSettingsBringsAnApprovalToTheDeviceAndItsWorkerShowsIt() {
        SignedIn approver = accounts.newUser("pushed", List.of("approver"));
        String device = "laptop-" + approver.username();
        Page page = personWithPush(approver, device);
        page.navigate("/#/v/settings");
        page.locator("[data-testid=push-toggle]:has-text('Turn on push')").click();
        assertThat(page.locator("[data-testid=notification-status]")).hasText("Push is on for this device.");
        assertThat(page.locator("[data-testid=push-toggle]")).containsText("Turn off push");
        JsonNode subscribed = BrowserPush.subscribed(page);
        assertThat(subscribed).hasSize(1);
        assertThat(subscribed.get(0).path("key").asText()).isEqualTo(VAPID[0]);
        assertThat(subscribed.get(0).path("userVisibleOnly").asBoolean()).isTrue();
        assertThat(subscriptions(approver)).isEqualTo(1);

        String title = "Ship it " + UUID.randomUUID().toString().substring(0, 6);
        askApproval(title);
        await().atMost(WAIT).until(() -> !pushService.device(device).received().isEmpty());
        JsonNode push = pushService.device(device).received().get(0).payload();
        assertThat(push.path("kind").asText()).isEqualTo("approval");
        assertThat(push.path("title").asText()).isEqualTo("Approval needed in #workflow");
        assertThat(push.path("body").asText()).contains(title);
        assertThat(push.path("url").asText()).matches("/#/c/workflow/m/[^/]+");

        // what the push service decrypted is what the browser's worker is handed, the app in a background tab
        BrowserPush worker = BrowserPush.on(page, chat.base());
        worker.unfocus();
        worker.deliver(push.toString());
        await().atMost(WAIT).until(() -> !BrowserPush.notifications(page).isEmpty());
        JsonNode shown = BrowserPush.notifications(page).get(0);
        assertThat(shown.path("title").asText()).isEqualTo("Approval needed in #workflow");
        assertThat(shown.path("body").asText()).isEqualTo(push.path("body").asText());
        assertThat(shown.path("tag").asText()).isEqualTo(push.path("tag").asText());
        assertThat(shown.path("data").path("hash").asText()).isEqualTo(push.path("url").asText().substring(1));

        // turned off again: the server forgets the device
        page.locator("[data-testid=push-toggle]:has-text('Turn off push')").click();
        assertThat(page.locator("[data-testid=notification-status]")).hasText("Push is off for this device.");
        await().atMost(WAIT).until(() -> subscriptions(approver) == 0);
        worker.detach();
    }

    @Test
    void aPushThatIsNotJsonShowsItsTextAndAnotherSitesUrlIsNotFollowed() {
        SignedIn person = accounts.newMember("oddpush");
        Page page = personWithPush(person, "odd-" + person.username());
        BrowserPush worker = BrowserPush.on(page, chat.base());
        worker.unfocus();
        worker.deliver("plain words, not JSON {");
        await().atMost(WAIT).until(() -> BrowserPush.notifications(page).size() == 1);
        assertThat(BrowserPush.notifications(page).get(0).path("title").asText()).isEqualTo("Workflow Chat");
        assertThat(BrowserPush.notifications(page).get(0).path("body").asText()).isEqualTo("plain words, not JSON {");
        assertThat(BrowserPush.notifications(page).get(0).path("data").path("hash").asText()).isEmpty();

        for (String url : List.of("https://evil.example/phish", "javascript:alert(1)", "//evil.example/x")) {
            String tag = "foreign-" + url.hashCode();
            worker.deliver("{\"title\":\"Foreign\",\"body\":\"b\",\"tag\":\"" + tag + "\",\"url\":\"" + url + "\"}");
            await().atMost(WAIT).until(() -> BrowserPush.notifications(page).stream()
                    .anyMatch(n -> n.path("tag").asText().equals(tag)));
        }
        assertThat(BrowserPush.notifications(page)).filteredOn(n -> n.path("title").asText().equals("Foreign"))
                .hasSize(3).allSatisfy(n -> assertThat(n.path("data").path("hash").asText()).isEmpty());
        worker.detach();
    }

    @Test
    void aClickedPushNotificationOpensItsMessageInTheOpenApp() {
        SignedIn person = accounts.newMember("clicker");
        Page page = personWithPush(person, "click-" + person.username());
        String message;
        try (ChatClient writer = ChatClient.connect(chat.base(), person.token())) {
            writer.awaitType("ready");
            message = writer.post("general", "the message a push links to");
        }
        page.navigate("/#/v/settings");
        BrowserPush worker = BrowserPush.on(page, chat.base());
        worker.unfocus();
        worker.deliver("{\"title\":\"Look\",\"body\":\"here\",\"tag\":\"" + message
                + "\",\"url\":\"/#/c/general/m/" + message + "\",\"kind\":\"mention\"}");
        await().atMost(WAIT).until(() -> BrowserPush.notifications(page).size() == 1);

        worker.clickNotification(browser, message);
        assertThat(page).hasURL(Pattern.compile(".*/#/c/general/m/" + message + "$"));
        await().atMost(WAIT).until(() -> BrowserPush.notifications(page).isEmpty());
        worker.detach();
    }

    private static Page personWithPush(SignedIn person, String device) {
        return browser.newPerson(chat.base(), person.username(), Accounts.PASSWORD, new ViewportSize(1280, 800),
                context -> {
                    context.grantPermissions(List.of("notifications"));
                    BrowserPush.fakePushManager(context, pushService, device);
                });
    }

    private static int subscriptions(SignedIn person) {
        return accounts.request().auth().oauth2(person.token()).get("/api/push/key").then().statusCode(200)
                .extract().<Integer>path("subscriptions");
    }

    private static void askApproval(String title) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", title).put("expires_in_s", 900).put("risk", "high");
        data.putObject("payload");
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", "code", data));
    }
}
