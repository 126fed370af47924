package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web client when its connection is cut (a relay in front of the service that drops every
 * connection): a banner on every width, what the person did meanwhile listed and cancellable, and
 * an approval decision that goes out on reconnect only if the card did not change meanwhile.
 */
class WebClientOfflineIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("offline", run, run.redis(), Map.of());
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
    void whatIsDoneOfflineIsListedCancellableAndSentOnReconnect() throws Exception {
        SignedIn phoneUser = accounts.newApprover("commuter");
        SignedIn watcher = accounts.newMember("watcher");
        Page other = WebClientIT.open(browser.newPerson(chat.base(), watcher.username(), Accounts.PASSWORD), "workflow");
        try (TcpProxy proxy = TcpProxy.to(chat.port())) {
            Page phone = onPhone(proxy, phoneUser);
            Ask asked = ask("Ship it", data -> { });
            Locator card = card(phone, asked.title());
            assertThat(card).hasAttribute("data-status", "pending");
            Locator banner = phone.locator("connection-banner [data-testid=connection-banner]");
            assertThat(banner).hasAttribute("role", "status");
            assertThat(banner).isEmpty();

            proxy.cut();
            assertThat(banner).containsText("Offline — reconnecting…");
            assertThat(banner).isInViewport();
            assertThat(phone.locator("channel-sidebar")).not().isInViewport(); // the drawer is closed
            WebClientIT.composer(phone).fill("written in the tunnel");
            WebClientIT.composer(phone).press("Enter");
            card.locator("[data-action=approve]").tap();

            Locator pending = phone.locator("connection-banner [data-testid=pending-item]");
            assertThat(pending).hasCount(2);
            Locator message = phone.locator("connection-banner [data-testid=pending-item][data-kind=message]");
            Locator decision = phone.locator("connection-banner [data-testid=pending-item][data-kind=approval]");
            assertThat(message).containsText("written in the tunnel");
            assertThat(message).containsText("pending — will send on reconnect");
            assertThat(decision).containsText("Approve “" + asked.title() + "”");
            assertThat(decision).containsText("pending — will send on reconnect");
            assertThat(Axe.seriousViolations(phone)).isEmpty();

            message.locator("[data-action=cancel]").tap();
            assertThat(pending).hasCount(1);
            assertThat(WebClientIT.message(phone, "written in the tunnel")).hasCount(0);

            proxy.restore();
            retryNowIfStillOffline(phone);
            assertThat(banner).isEmpty();
            assertThat(card).hasAttribute("data-status", "approved");
            assertThat(pending).hasCount(0);
            assertThat(status(asked.id())).isEqualTo("approved");

            // what the phone sends now comes after anything it had queued: the cancelled message never went
            WebClientIT.composer(phone).fill("back above ground");
            WebClientIT.composer(phone).press("Enter");
            assertThat(WebClientIT.message(other, "back above ground")).isVisible();
            assertThat(WebClientIT.message(other, "written in the tunnel")).hasCount(0);
            assertThat(History.contents(accounts, watcher.token(), "workflow")).doesNotContain("written in the tunnel");
        }
    }

    @Test
    void anApprovalDecidedByOthersWhileOfflineIsAskedAgainAndNothingIsSentUnlessConfirmed() throws Exception {
        SignedIn phoneUser = accounts.newApprover("traveller");
        SignedIn colleague = accounts.newApprover("colleague");
        try (TcpProxy proxy = TcpProxy.to(chat.port())) {
            Page phone = onPhone(proxy, phoneUser);
            Ask rejected = ask("Drop the table", data -> { });
            Ask voted = ask("Rotate keys", data -> data.put("required_approvals", 2));
            assertThat(card(phone, rejected.title())).hasAttribute("data-status", "pending");
            assertThat(card(phone, voted.title())).hasAttribute("data-status", "pending");

            proxy.cut();
            assertThat(phone.locator("connection-banner [data-testid=connection-banner]")).containsText("Offline");
            card(phone, rejected.title()).locator("[data-action=approve]").tap();
            card(phone, voted.title()).locator("[data-action=approve]").tap();
            Locator pending = phone.locator("connection-banner [data-testid=pending-item]");
            assertThat(pending).hasCount(2);
            // meanwhile someone else decides one and votes on the other
            decide(colleague, rejected.id(), Map.of("action", "reject", "comment", "not today"));
            decide(colleague, voted.id(), Map.of("action", "approve"));

            proxy.restore();
            retryNowIfStillOffline(phone);
            Locator wasRejected = pending.filter(new Locator.FilterOptions().setHasText(rejected.title()));
            Locator gotAVote = pending.filter(new Locator.FilterOptions().setHasText(voted.title()));
            assertThat(wasRejected.locator("[data-testid=pending-changed]")).containsText("rejected");
            assertThat(wasRejected.locator("[data-testid=pending-changed]")).containsText(colleague.username());
            assertThat(gotAVote.locator("[data-testid=pending-changed]"))
                    .containsText("A new vote: approved by " + colleague.username());
            assertThat(Axe.seriousViolations(phone)).isEmpty();
            // nothing went out on the person's behalf
            assertThat(status(rejected.id())).isEqualTo("rejected");
            assertThat(record(voted.id()).getList("votes")).hasSize(1);
            assertThat(decisionsHeard(rejected.id())).isEqualTo(1);

            wasRejected.locator("[data-action=drop]").tap();
            assertThat(wasRejected).hasCount(0);
            gotAVote.locator("[data-action=confirm]").tap();
            assertThat(card(phone, voted.title())).hasAttribute("data-status", "approved");
            await().atMost(WAIT).untilAsserted(() -> assertThat(status(voted.id())).isEqualTo("approved"));
            assertThat(pending).hasCount(0);
            assertThat(status(rejected.id())).isEqualTo("rejected");
            assertThat(decisionsHeard(rejected.id())).isEqualTo(1);
        }
    }

    @Test
    void theBannerShowsOnADesktopToo() throws Exception {
        SignedIn person = accounts.newMember("desk");
        try (TcpProxy proxy = TcpProxy.to(chat.port())) {
            Page page = browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), person.username(),
                    Accounts.PASSWORD, new ViewportSize(1440, 900));
            Locator banner = page.locator("connection-banner [data-testid=connection-banner]");
            proxy.cut();
            assertThat(banner).containsText("Offline — reconnecting…");
            assertThat(banner.locator("[data-action=retry-now]")).isVisible();
            WebClientIT.composer(page).fill("waiting at my desk");
            WebClientIT.composer(page).press("Enter");
            assertThat(page.locator("connection-banner [data-testid=pending-item]")).containsText("waiting at my desk");
            assertThat(Axe.seriousViolations(page)).isEmpty();
            proxy.restore();
            retryNowIfStillOffline(page);
            assertThat(banner).isEmpty();
            assertThat(page.locator("connection-banner [data-testid=pending-item]")).hasCount(0);
            assertThat(WebClientIT.message(page, "waiting at my desk")).not()
                    .hasClass(java.util.regex.Pattern.compile(".*pending.*"));
        }
    }

    // ---- helpers

    private record Ask(String id, String title) {
    }

    private static Page onPhone(TcpProxy proxy, SignedIn user) {
        Page page = browser.newPhone(URI.create("http://127.0.0.1:" + proxy.port()), user.username(), Accounts.PASSWORD);
        page.evaluate("() => { location.hash = '#/c/workflow'; }");
        assertThat(page.locator("channel-header h1")).containsText("workflow");
        return page;
    }

    /** Retry now, as the person would tap it, if the page has not reconnected by itself yet. */
    private static void retryNowIfStillOffline(Page page) {
        page.evaluate("""
                () => document.querySelector('chat-app')?.shadowRoot?.querySelector('connection-banner')
                  ?.shadowRoot?.querySelector('[data-action=retry-now]')?.click()""");
    }

    private static Ask ask(String title, Consumer<ObjectNode> details) {
        String id = "t-" + UUID.randomUUID();
        String unique = title + " " + id.substring(2, 10);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", unique).put("expires_in_s", 900);
        data.putObject("payload");
        details.accept(data);
        redis.xadd(names.inStream(), WebClientIT.envelope(id, "approval.request", "code", data));
        return new Ask(id, unique);
    }

    private static void decide(SignedIn approver, String id, Map<String, String> decision) {
        accounts.request().auth().oauth2(approver.token()).contentType("application/json").body(decision)
                .post("/api/approvals/{id}/decision", id).then().statusCode(200);
    }

    private static io.restassured.path.json.JsonPath record(String id) {
        return accounts.request().auth().oauth2(accounts.signInAdmin().token()).get("/api/approvals/{id}", id)
                .then().statusCode(200).extract().jsonPath();
    }

    private static String status(String id) {
        return record(id).getString("status");
    }

    /** How many approval.decided events the agent heard for this approval. */
    private static long decisionsHeard(String id) {
        return redis.xrange(names.agentStream("code")).stream()
                .map(Object::toString).filter(entry -> entry.contains("approval.decided") && entry.contains(id)).count();
    }

    private static Locator card(Page page, String title) {
        return page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title));
    }
}
