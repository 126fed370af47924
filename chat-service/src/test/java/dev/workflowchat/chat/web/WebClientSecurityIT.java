package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Bridge;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.TcpProxy;
import dev.workflowchat.infra.PostgresEndpoint;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What an outside probe tried against the browser client, each through the way in it used:
 * message metadata that claims an approval, a Discord author named like a web user, a change
 * frame forged on {@code wfchat:out}. The page must not be fooled by any of them.
 */
class WebClientSecurityIT {

    /** A seq far beyond any real cursor, as the probe announced. */
    private static final long FORGED_SEQ = 1_000_000_000_000L;

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-security", run, run.redis(), Map.of());
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
    void aMessageClaimingAnotherApprovalGetsNoCardAndTheRealCardStillDecides() throws SQLException {
        String channel = Channels.create(accounts, "deploys");
        String approvalId = Agent.newId();
        String title = "Promote build 4711 to PRODUCTION " + approvalId.substring(2, 10);
        redis.xadd(names.inStream(), approvalRequest(approvalId, "orchestrator", channel, title));
        String spoof = "🎨 button colour " + approvalId.substring(2, 10);
        redis.xadd(names.inStream(), Agent.message(Agent.newId(), "design", channel, spoof));
        String admin = accounts.signInAdmin().token();
        await().atMost(Duration.ofSeconds(15)).until(() -> History.contents(accounts, admin, channel).contains(spoof)
                && History.contents(accounts, admin, channel).stream().anyMatch(content -> content.contains(title)));
        // Old data holds what the server now strips from agents' metadata: write it as it would be stored.
        assertThat(claimApproval(channel, spoof, approvalId)).isEqualTo(1);

        Page page = open(person(accounts.newApprover("release-lead")), channel);

        Locator real = card(page, title);
        assertThat(real).hasAttribute("data-status", "pending");
        assertThat(real.locator("[data-action=approve]")).isVisible();
        Locator spoofed = message(page, spoof);
        // the note says the record was looked at, so the absence of a card below is not a race
        assertThat(spoofed.locator("[data-testid=approval-mismatch]")).containsText("not part of");
        assertThat(spoofed.locator("[data-testid=approval-card]")).hasCount(0);
        assertThat(spoofed.locator("[data-action=approve]")).hasCount(0);
        assertThat(spoofed.locator(".md")).containsText("button colour");

        real.locator("[data-action=approve]").click();

        assertThat(real).hasAttribute("data-status", "approved");
        await().atMost(Duration.ofSeconds(15)).until(() -> redis.xrange(names.agentStream("orchestrator")).stream()
                .anyMatch(entry -> entry.toString().contains("approval.decided") && entry.toString().contains(approvalId)));
        assertThat(spoofed.locator("[data-action=approve]")).hasCount(0);
        // decided: the title says what it is now, and the decision is stated once
        assertThat(real.locator("[data-testid=card-title]")).containsText("Approved");
        assertThat(real).not().containsText("Approval Required");
        String text = real.innerText();
        assertThat(Pattern.compile("Approved").matcher(text).results().count()).as(text).isEqualTo(1);
        assertThat(real.locator("[data-testid=card-title]")).containsText("release-lead");
        Browser.screenshot(page, "approval-claimed-by-another-message");
    }

    @Test
    void aDiscordAuthorNamedAdminIsMarkedAsRelayedFromDiscord() {
        String channel = Channels.create(accounts, "bridged");
        SignedIn admin = accounts.signInAdmin();
        String marker = UUID.randomUUID().toString().substring(0, 8);
        try (ChatClient client = ChatClient.connect(chat.base(), admin.token())) {
            client.post(channel, "the real admin speaking " + marker);
        }
        ObjectNode relayed = Bridge.message(channel, Bridge.snowflake(), "please approve everything " + marker);
        ((ObjectNode) relayed.path("data").path("author")).put("name", "admin");
        redis.xadd(names.bridgeInStream(), relayed.toString());

        Page page = open(person(accounts.newMember("onlooker")), channel);

        Locator discord = message(page, "please approve everything " + marker);
        Locator real = message(page, "the real admin speaking " + marker);
        assertThat(discord.locator(".author")).containsText("admin");
        assertThat(discord.locator("[data-testid=discord-tag]")).hasText("Discord");
        assertThat(discord.locator(".author")).hasAttribute("title", Pattern.compile("relayed from Discord", Pattern.CASE_INSENSITIVE));
        assertThat(discord.locator(".avatar")).hasClass(Pattern.compile(".*\\bdiscord\\b.*"));
        assertThat(real.locator("[data-testid=discord-tag]")).hasCount(0);
        assertThat(real.locator(".avatar")).not().hasClass(Pattern.compile(".*\\bdiscord\\b.*"));
        assertThat(real.locator("header")).not().containsText("Discord");
        Browser.screenshot(page, "discord-author-named-admin");
    }

    @Test
    void aForgedFarAheadSeqIsIgnoredAndCatchUpStillWorks() throws Exception {
        String channel = Channels.create(accounts, "forged");
        SignedIn reader = accounts.newMember("reader");
        SignedIn writer = accounts.newMember("writer");
        try (TcpProxy proxy = TcpProxy.to(chat.port());
             ChatClient other = ChatClient.connect(chat.base(), writer.token())) {
            Page page = open(browser.newPerson(URI.create("http://127.0.0.1:" + proxy.port()), reader.username(),
                    Accounts.PASSWORD), channel);

            redis.publish(names.out(), forgedCreated(channel, writer.username(), "forged far ahead"));
            // announced after the forgery on the same channel, so delivered after it: once this shows,
            // the forged frame has reached the page (or the service dropped it)
            other.post(channel, "real, after the forgery");
            assertThat(message(page, "real, after the forgery")).hasCount(1);
            assertThat(message(page, "forged far ahead")).hasCount(0);

            // a cursor the forgery had moved would resume after it and miss this
            proxy.cut();
            assertThat(page.locator("[data-testid=connection]")).hasText("Reconnecting…");
            other.post(channel, "real, while the page was away");
            proxy.restore();
            assertThat(page.locator("[data-testid=connection]")).hasText("Online");
            assertThat(message(page, "real, while the page was away")).hasCount(1);
            other.post(channel, "real, live again");
            assertThat(message(page, "real, live again")).hasCount(1);
            assertThat(message(page, "forged far ahead")).hasCount(0);
        }
    }

    @Test
    void theEditBoxTakesAsMuchAsAMessageMayHold() {
        String channel = Channels.create(accounts, "long-edits");
        Page page = open(person(accounts.newMember("editor")), channel);
        composer(page).fill("short at first");
        composer(page).press("Enter");
        // stored (it has its id) before ↑ may edit it: the local echo can't be edited yet
        assertThat(message(page, "short at first").locator("article")).hasAttribute("data-message-id",
                java.util.regex.Pattern.compile("[0-9a-f-]{36}"));

        composer(page).press("ArrowUp");
        Locator editor = page.locator("message-list textarea[aria-label='Edit message']");
        assertThat(editor).hasAttribute("maxlength", "40000");
        String longer = "x".repeat(5_000) + " long at last";
        editor.fill(longer);
        editor.press("Enter");
        assertThat(message(page, "long at last")).containsText("(edited)");
    }

    // ---- helpers

    private static Page person(SignedIn user) {
        return browser.newPerson(chat.base(), user.username(), Accounts.PASSWORD);
    }

    private static Page open(Page page, String channel) {
        return WebClientIT.open(page, channel);
    }

    private static Locator composer(Page page) {
        return WebClientIT.composer(page);
    }

    private static Locator message(Page page, String text) {
        return WebClientIT.message(page, text);
    }

    private static Locator card(Page page, String title) {
        return page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title));
    }

    private static String approvalRequest(String id, String agent, String channel, String title) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "deploy").put("title", title).put("channel", channel).put("expires_in_s", 600);
        data.putObject("payload").put("build", "4711").put("environment", "production");
        return WebClientIT.envelope(id, "approval.request", agent, data);
    }

    /** Gives the message with this content the metadata of an approval's message, straight in the database. */
    private static int claimApproval(String channel, String content, String approvalId) throws SQLException {
        PostgresEndpoint database = run.database();
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), database.user(),
                database.password() == null ? "" : database.password());
             PreparedStatement update = connection.prepareStatement("UPDATE messages SET metadata ="
                     + " jsonb_build_object('type', 'approval_request', 'approval_id', ?::text)"
                     + " WHERE channel = ? AND content = ?")) {
            update.setString(1, approvalId);
            update.setString(2, channel);
            update.setString(3, content);
            return update.executeUpdate();
        }
    }

    /** A well-formed {@code message.created} as the chat service announces one, but with a seq far ahead. */
    private static String forgedCreated(String channel, String author, String content) {
        String now = Instant.now().toString();
        ObjectNode message = ProtocolJson.mapper().createObjectNode()
                .put("message_id", UUID.randomUUID().toString()).put("seq", FORGED_SEQ).put("channel", channel)
                .put("author_type", "user").put("author_id", author).put("author_name", "User " + author)
                .put("content", content).put("created_at", now).putNull("edited_at").putNull("deleted_at")
                .putNull("thread_id").putNull("reply_to").put("source", "web").putNull("external_id")
                .putNull("pinned_at").putNull("pinned_by").put("reply_count", 0);
        message.putObject("reactions");
        message.putArray("attachments");
        message.putObject("metadata");
        ObjectNode envelope = ProtocolJson.mapper().createObjectNode()
                .put("v", 1).put("id", "forged-" + UUID.randomUUID()).put("type", "message.created")
                .put("ts", now).put("source", "chat-service").put("seq", FORGED_SEQ);
        envelope.set("data", message);
        return envelope.toString();
    }
}
