package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The browser client against what the server now enforces: private DMs with agents, reactions as
 * deltas, a resume from pruned changes, a limit of sockets per person, and changing one's password.
 */
class WebClientDmIT {

    /** Low, so a test reaches it with a page and two clients. */
    private static final int MAX_SOCKETS = 3;
    private static final String AGENT = "code";
    private static final LocatorAssertions.HasTextOptions SLOW = new LocatorAssertions.HasTextOptions().setTimeout(30_000);

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        // the agent's own way in is found by looking for it: every second, not the production 10 s
        chat = ChatServiceProcess.start("web-dm", run, run.redis(), Map.of(
                "WFCHAT_REDIS_AGENT_STREAMS_SCAN_EVERY", "1s",
                "WFCHAT_WEBSOCKET_MAX_CONNECTIONS_PER_USER", String.valueOf(MAX_SOCKETS)));
        redis = new RedisClient(run.redis().uri());
        names = new RedisNames(run.redisPrefix());
        accounts = Accounts.on(chat.base());
        browser = Browser.launch();
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
        // the agent says it is there on its own way in, so every sidebar lists it from the start
        redis.xadd(names.inStream(AGENT), Agent.status(Agent.newId(), AGENT, "online", "Reviewing",
                Instant.now().toString()));
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
    void aPersonsDmWithAnAgentIsTheirsAloneAndAnotherPersonsIsSeparate() {
        SignedIn alice = accounts.newMember("alice");
        SignedIn bob = accounts.newMember("bob");
        Page a = person(alice);
        Page b = person(bob);
        String aliceDm = "dm:" + AGENT + ":" + alice.username();
        String bobDm = "dm:" + AGENT + ":" + bob.username();

        openDm(a, aliceDm);
        assertThat(a.locator("message-list .start")).containsText("This is the start");
        composer(a).fill("secret plan of alice");
        composer(a).press("Enter");
        assertThat(message(a, "secret plan of alice")).isVisible();
        await().atMost(Duration.ofSeconds(15)).until(() -> redis.xrange(names.agentStream(AGENT)).stream()
                .anyMatch(entry -> entry.toString().contains("agent.direct") && entry.toString().contains("secret plan of alice")));
        redis.xadd(names.inStream(AGENT), Agent.message(Agent.newId(), AGENT, aliceDm, "answer for alice only"));
        assertThat(message(a, "answer for alice only")).isVisible();
        assertThat(message(a, "answer for alice only").locator(".author")).hasText("💻 Code Agent");
        assertThat(a.locator(".notices")).not().containsText("Could not");

        // bob's DM with the same agent is his own, and alice's is nowhere in his page
        assertThat(link(b, bobDm)).isVisible();
        openDm(b, bobDm);
        assertThat(b.locator("message-list .start")).containsText("This is the start");
        composer(b).fill("question of bob");
        composer(b).press("Enter");
        assertThat(message(b, "question of bob")).isVisible();
        open(b, "general");
        redis.xadd(names.inStream(AGENT), Agent.message(Agent.newId(), AGENT, bobDm, "answer for bob only"));
        assertThat(link(b, bobDm).locator("[data-testid=unread]")).hasText("1");
        assertThat(link(b, aliceDm)).hasCount(0);
        assertThat(b.getByText("secret plan of alice")).hasCount(0);
        assertThat(b.getByText("answer for alice only")).hasCount(0);
        search(b, "secret");
        assertThat(b.locator("[data-testid=search-results]")).containsText("Nothing found.");

        // and bob's is nowhere in alice's, though his answer came after hers
        assertThat(link(a, bobDm)).hasCount(0);
        assertThat(a.getByText("question of bob")).hasCount(0);
        assertThat(a.getByText("answer for bob only")).hasCount(0);
        Browser.screenshot(a, "private-dm");
    }

    @Test
    void adminsReadTheOlderSharedDmsButDoNotWriteThere() {
        redis.xadd(names.inStream(), Agent.message(Agent.newId(), "qa", "dm:qa", "from the shared days"));
        Page admin = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD);
        Page member = person(accounts.newMember("member"));

        link(admin, "dm:qa").click();
        assertThat(admin.locator("channel-header h1")).hasText("🧪 Qa Agent (older shared DM)");
        assertThat(message(admin, "from the shared days")).isVisible();
        assertThat(admin.locator("[data-testid=read-only]")).containsText("before DMs were private");
        assertThat(composer(admin)).hasCount(0);
        Browser.screenshot(admin, "older-shared-dm");
        assertThat(member.locator("channel-sidebar")).not().containsText("Older shared DMs");
        assertThat(link(member, "dm:qa")).hasCount(0);
    }

    @Test
    void reactionsOfOthersAppearLiveAsDeltasAndAfterAReconnect() throws Exception {
        String channel = Channels.create(accounts, "reactions");
        SignedIn carol = accounts.newMember("carol");
        SignedIn dan = accounts.newMember("dan");
        try (TcpProxy proxy = TcpProxy.to(chat.port());
             ChatClient other = ChatClient.connect(chat.base(), carol.token())) {
            Page page = open(browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), dan.username(),
                    Accounts.PASSWORD), channel);
            recordFrameTypes(page);
            String id = other.post(channel, "react to me");
            Locator reactions = message(page, "react to me").locator("[data-testid=reaction]");

            other.awaitAck(other.send("reaction.add", "message_id", id, "reaction", "🎉"));
            assertThat(reactions).hasText("🎉 1");
            message(page, "react to me").locator("[data-testid=reaction]").click();
            assertThat(reactions).hasText("🎉 2");
            assertThat(reactions).hasClass(Pattern.compile(".*\\bmine\\b.*"));
            other.awaitAck(other.send("reaction.remove", "message_id", id, "reaction", "🎉"));
            assertThat(reactions).hasText("🎉 1");
            assertThat(frameTypes(page)).contains("reaction.added", "reaction.removed").doesNotContain("reaction.updated");

            // missed while away: resume replays the whole map (reaction.updated)
            proxy.cut();
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            other.awaitAck(other.send("reaction.add", "message_id", id, "reaction", "👀"));
            proxy.restore();
            assertThat(page.locator("[data-testid=connection]")).hasText("Online");
            assertThat(reactions).hasText(new String[] {"🎉 1", "👀 1"});
            other.awaitAck(other.send("reaction.remove", "message_id", id, "reaction", "👀"));
            assertThat(reactions).hasText(new String[] {"🎉 1"});
        }
    }

    @Test
    void aResumeFromPrunedChangesReloadsOnceAndCatchesUpAfterwards() throws Exception {
        String channel = Channels.create(accounts, "pruned");
        SignedIn reader = accounts.newMember("reader");
        SignedIn writer = accounts.newMember("writer");
        try (TcpProxy proxy = TcpProxy.to(chat.port());
             ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            Page page = open(browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), reader.username(),
                    Accounts.PASSWORD), channel);
            recordFrameTypes(page);
            String id = other.post(channel, "said before the gap");
            assertThat(message(page, "said before the gap")).isVisible();

            proxy.cut();
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            other.post(channel, "said during the gap");
            other.awaitAck(other.send("message.edit", "message_id", id, "content", "said before the gap, corrected"));
            pruneEveryChange();
            proxy.restore();

            assertThat(page.locator("[data-testid=connection]")).hasText("Online");
            assertThat(message(page, "said during the gap")).hasCount(1);
            assertThat(message(page, "said before the gap, corrected")).containsText("(edited)");

            // the cursor moved to the present (though every change was pruned): the next gap is
            // resumed, not answered gone again
            proxy.cut();
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            other.post(channel, "said during the second gap");
            proxy.restore();
            assertThat(message(page, "said during the second gap")).hasCount(1);
            assertThat(frameTypes(page).stream().filter("error:gone"::equals)).hasSize(1);
            other.post(channel, "said live afterwards");
            assertThat(message(page, "said live afterwards")).hasCount(1);
        }
    }

    @Test
    void tooManySocketsAreWaitedOutAndThePersonIsToldWhy() throws Exception {
        SignedIn erin = accounts.newMember("erin");
        List<ChatClient> clients = new ArrayList<>();
        try (TcpProxy proxy = TcpProxy.to(chat.port())) {
            Page page = browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), erin.username(),
                    Accounts.PASSWORD);
            for (int i = 1; i < MAX_SOCKETS; i++) {
                clients.add(ChatClient.connect(chat.base(), erin.token()));
            }
            proxy.cut();
            Locator problem = page.locator("[data-testid=connection-problem]");
            assertThat(problem).containsText("cannot be reached", new LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
            // the page's socket is gone: another takes its place, as another tab would
            await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                    .until(() -> clients.add(ChatClient.connect(chat.base(), erin.token())));
            proxy.restore();

            assertThat(problem).hasText(Pattern.compile(".*close some other Workflow Chat tabs.*"), SLOW);
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            // backing off: a handful of attempts over these seconds, not a loop
            assertThat(((Number) page.evaluate("() => document.querySelector('chat-app').socket.failures")).intValue())
                    .isBetween(3, 12);
            Browser.screenshot(page, "too-many-sockets");

            clients.remove(0).close();
            assertThat(page.locator("[data-testid=connection]")).hasText("Online", SLOW);
            assertThat(problem).hasCount(0);
        } finally {
            clients.forEach(ChatClient::close);
        }
    }

    @Test
    void aPasswordChangeThroughTheDialogWorksAndTheOldOneNoLongerLogsIn() {
        SignedIn fay = accounts.newMember("fay");
        Page page = person(fay);
        Page elsewhere = person(fay);
        Locator opener = page.locator("channel-sidebar [data-testid=change-password]");
        Locator dialog = page.getByRole(AriaRole.DIALOG, new Page.GetByRoleOptions().setName("Change password"));

        opener.click();
        assertThat(dialog).isVisible();
        assertThat(dialog.getByLabel("Current password")).isFocused();
        page.keyboard().press("Escape");
        assertThat(dialog).isHidden();
        assertThat(opener).isFocused();

        opener.click();
        fill(dialog, "wrong-password-1", "brand-new-secret", "brand-new-secret");
        assertThat(dialog.locator("#current-error")).hasText("That is not your current password.");
        assertThat(dialog.getByLabel("Current password")).hasAttribute("aria-invalid", "true");
        assertThat(dialog.getByLabel("Current password")).isFocused();
        Browser.screenshot(page, "password-dialog");

        fill(dialog, Accounts.PASSWORD, "short", "short");
        assertThat(dialog.locator("#next-error")).hasText("At least 8 characters.");
        fill(dialog, Accounts.PASSWORD, "brand-new-secret", "brand-new-secrex");
        assertThat(dialog.locator("#again-error")).hasText("The two new passwords differ.");

        fill(dialog, Accounts.PASSWORD, "brand-new-secret", "brand-new-secret");
        assertThat(dialog.locator("[data-testid=password-changed]")).containsText("Your password was changed");
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Done")).click();
        assertThat(dialog).isHidden();
        assertThat(opener).isFocused();

        // the other session ended, this one stays
        assertThat(elsewhere.locator("login-view input[name=username]")).isVisible();
        assertThat(page.locator("[data-testid=connection]")).hasText("Online");
        assertThat(page.evaluate("() => fetch('/api/me').then(r => r.status)")).isEqualTo(200);
        assertThat(accounts.request().contentType("application/json")
                .body(Map.of("username", fay.username(), "password", Accounts.PASSWORD))
                .post("/api/auth/login").statusCode()).isEqualTo(401);
        accounts.signIn(fay.username(), "brand-new-secret");
    }

    // ---- helpers

    private static Page person(SignedIn user) {
        return browser.newPerson(chat.base(), user.username(), Accounts.PASSWORD);
    }

    private static Page open(Page page, String channel) {
        return WebClientIT.open(page, channel);
    }

    /** Opens a DM from the agent's name in the sidebar; a DM is titled by its agent. */
    private static void openDm(Page page, String dm) {
        link(page, dm).click();
        assertThat(page.locator("channel-header h1")).hasText("💻 Code Agent");
    }

    private static Locator link(Page page, String channel) {
        return page.locator("channel-sidebar a[data-channel='" + channel + "']");
    }

    private static Locator composer(Page page) {
        return WebClientIT.composer(page);
    }

    private static Locator message(Page page, String text) {
        return WebClientIT.message(page, text);
    }

    private static void search(Page page, String query) {
        page.locator("channel-header input[type=search]").fill(query);
        page.locator("channel-header input[type=search]").press("Enter");
    }

    private static void fill(Locator dialog, String current, String next, String again) {
        dialog.getByLabel("Current password").fill(current);
        dialog.getByLabel("New password", new Locator.GetByLabelOptions().setExact(true)).fill(next);
        dialog.getByLabel("New password, again").fill(again);
        dialog.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Change password")).click();
    }

    /** Keeps the type of every frame the page's socket hands on ("error:<code>" for errors), from now on. */
    private static void recordFrameTypes(Page page) {
        page.evaluate("""
                () => {
                  window.__frames = [];
                  document.querySelector('chat-app').socket.addEventListener('frame', (event) => {
                    const frame = event.detail;
                    window.__frames.push(frame.type === 'error' ? `error:${frame.code}` : frame.type);
                  });
                }""");
    }

    @SuppressWarnings("unchecked")
    private static List<String> frameTypes(Page page) {
        return (List<String>) page.evaluate("() => window.__frames");
    }

    /** What the retention job does after 30 days, at once: every change so far is no longer kept. */
    private static void pruneEveryChange() throws SQLException {
        PostgresEndpoint database = run.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password() == null ? "" : database.password());
             Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    WITH gone AS (DELETE FROM changes RETURNING seq)
                    UPDATE change_log_pruned SET through_seq = GREATEST(through_seq, (SELECT max(seq) FROM gone))
                    WHERE EXISTS (SELECT 1 FROM gone)""");
        }
    }
}
