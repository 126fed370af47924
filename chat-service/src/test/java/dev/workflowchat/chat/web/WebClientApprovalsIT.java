package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Approvals that scale with trust (issue 18) in the browser, against the built services: a card's
 * risk and context, a quorum of two approvers, "approve, and don't ask again" making a standing
 * rule that decides the next request, a flow group decided row by row, and what the learning and
 * rapid modes show. Each test asks as an
 * agent of its own, so one test's rule or group never catches another's requests.
 */
class WebClientApprovalsIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

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
        chat = ChatServiceProcess.start("web-approvals", run, run.redis(), Map.of());
        state = StateBroadcasterProcess.start(run, run.redis());
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
    void aCardShowsItsRiskAndContextAlsoAtPhoneWidth() {
        Page page = open(person(accounts.newApprover("reviewer")), "workflow");
        SignedIn phoneUser = accounts.newMember("phone");
        String title = ask(newAgent(), "Push the fix", data -> {
            data.put("risk", "high").put("reason", "login is broken in production")
                    .put("command", "git push origin main").put("diff", "-    return False\n+    return check(token)")
                    .put("story_id", "S3").put("tdd_phase", "CODE_GREEN");
            data.putArray("links").add("https://ci.example/run/7");
        });

        Locator card = card(page, title);
        assertThat(card.locator("[data-testid=risk]")).hasText("High risk");
        assertThat(card.locator("[data-testid=context-reason]")).containsText("login is broken in production");
        assertThat(card.locator("[data-testid=context-command]")).containsText("git push origin main");
        assertThat(card.locator("[data-testid=context-story]")).containsText("S3");
        assertThat(card.locator("[data-testid=context-links] a")).hasAttribute("href", "https://ci.example/run/7");
        assertThat(card.locator("[data-testid=context-diff] pre")).not().isVisible();
        card.locator("[data-testid=context-diff] summary").click();
        assertThat(card.locator("[data-testid=context-diff] pre")).containsText("check(token)");
        assertThat(card.locator("[data-testid=expires]")).containsText("then rejected");
        card.screenshot(new Locator.ScreenshotOptions().setPath(Browser.SCREENSHOTS.resolve("approval-card-context.png")));

        Page phone = browser.newPerson(chat.base(), phoneUser.username(), Accounts.PASSWORD, new ViewportSize(390, 844));
        phone.locator("channel-header button[title=Channels]").click(); // the sidebar is folded away on a phone
        open(phone, "workflow");
        Locator small = card(phone, title);
        assertThat(small.locator("[data-testid=risk]")).isVisible();
        assertThat(small.evaluate("c => c.getBoundingClientRect().right <= window.innerWidth + 1")).isEqualTo(true);
        Browser.screenshot(phone, "approval-card-phone");
    }

    @Test
    void aQuorumOfTwoCountsEachApproverOnce() {
        SignedIn first = accounts.newApprover("first");
        SignedIn second = accounts.newApprover("second");
        Page one = open(person(first), "workflow");
        Page two = open(person(second), "workflow");
        String agent = newAgent();
        String title = ask(agent, "Rotate the keys", data -> data.put("required_approvals", 2));

        assertThat(card(one, title).locator("[data-testid=quorum]")).hasText("0 of 2 approvals");
        assertThat(card(two, title).locator("[data-testid=quorum]")).hasText("0 of 2 approvals");

        card(one, title).locator("[data-action=approve]").click();
        assertThat(card(two, title).locator("[data-testid=quorum]")).containsText("1 of 2 approvals");
        assertThat(card(two, title).locator("[data-testid=quorum]")).containsText("approved by " + first.username());
        assertThat(card(one, title).locator("[data-testid=voted]")).isVisible();
        assertThat(card(one, title).locator("[data-action=approve]")).hasCount(0);
        assertThat(card(one, title)).hasAttribute("data-status", "pending");

        card(two, title).locator("[data-action=approve]").click();
        assertThat(card(one, title)).hasAttribute("data-status", "approved");
        assertThat(card(two, title)).hasAttribute("data-status", "approved");
        await().atMost(WAIT).until(() -> redis.xrange(names.agentStream(agent)).stream()
                .anyMatch(entry -> entry.toString().contains("approval.decided")));
    }

    @Test
    void approvingAndNotAskingAgainMakesARuleThatDecidesTheNextRequest() {
        SignedIn lead = accounts.newApprover("trusting");
        Page page = open(person(lead), "workflow");
        String agent = newAgent();
        String firstTitle = ask(agent, "Run the tests", data -> data.put("command", "npm test -- --coverage"));
        String firstId = card(page, firstTitle).getAttribute("data-approval-id");

        Locator card = card(page, firstTitle);
        card.locator("[data-action=remember]").click();
        Locator form = card.locator("[data-testid=remember-form]");
        assertThat(form.locator("[data-testid=remember-prefix]")).hasValue("npm test");
        form.locator("input[name=scope][value=prefix]").check();
        form.locator("input[name=until][value=revoked]").check();
        form.locator("[data-action=remember-submit]").click();
        assertThat(card).hasAttribute("data-status", "approved");

        JsonNode rules = json(accounts.request().auth().oauth2(lead.token()).get("/api/approval-rules")
                .then().statusCode(200).extract().asString());
        JsonNode rule = stream(rules).filter(r -> firstId.equals(r.path("approval_id").asText())).findFirst().orElseThrow();
        assertThat(rule.path("agent").asText()).isEqualTo(agent);
        assertThat(rule.path("request_type").asText()).isEqualTo("code_change");
        assertThat(rule.path("command_prefix").asText()).isEqualTo("npm test");
        assertThat(rule.path("until").asText()).isEqualTo("revoked");
        String ruleId = rule.path("rule_id").asText();

        String secondTitle = ask(agent, "Run the tests again", data -> data.put("command", "npm test --watch=false"));
        Locator second = card(page, secondTitle);
        assertThat(second).hasAttribute("data-status", "approved");
        assertThat(second.locator("[data-testid=card-title]")).containsText("Approved by standing rule " + ruleId);
        String secondId = second.getAttribute("data-approval-id");
        JsonNode decided = json(accounts.request().auth().oauth2(lead.token()).get("/api/approvals/" + secondId)
                .then().statusCode(200).extract().asString());
        assertThat(decided.path("decided_by").asText()).isEqualTo("rule:" + ruleId);
    }

    @Test
    void aFlowGroupOfThreeIsDecidedRowByRow() {
        SignedIn lead = accounts.newApprover("flow");
        String project = "flow-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = Channels.create(accounts, "flow");
        try (ChatClient client = ChatClient.connect(chat.base(), lead.token())) {
            client.awaitType("ready");
            ok(client, channel, "/project create " + project);
            ok(client, channel, "/project bind " + project);
            setMode(client, channel, project, "flow");
        }
        Page page = open(person(lead), channel);
        String agent = newAgent();
        Consumer<ObjectNode> inFlow = data -> data.put("channel", channel).put("project", project);
        String format = ask(agent, "Format auth.py", inFlow);
        String lint = ask(agent, "Lint login.py", inFlow);
        String rename = ask(agent, "Rename session.py", inFlow);

        Locator group = page.locator("[data-testid=approval-group]");
        Locator rows = group.locator("[data-testid=group-row]");
        assertThat(rows).hasCount(3);
        row(group, format).locator("[data-testid=group-select]").check();
        row(group, lint).locator("[data-testid=group-select]").check();
        group.locator("[data-action=approve-selected]").click();
        assertThat(row(group, format)).hasAttribute("data-status", "approved");
        assertThat(row(group, lint)).hasAttribute("data-status", "approved");
        assertThat(row(group, rename)).hasAttribute("data-status", "pending");

        row(group, rename).locator("[data-testid=group-select]").check();
        group.locator("[data-action=reject-selected]").click();
        group.locator("input.reason").fill("keep the old name");
        group.locator("input.reason").press("Enter");
        assertThat(row(group, rename)).hasAttribute("data-status", "rejected");
        assertThat(group.locator("[data-testid=row-failure]")).hasCount(0);
        Browser.screenshot(page, "approval-group");

        String groupId = group.getAttribute("data-approval-id");
        JsonNode members = json(accounts.request().auth().oauth2(lead.token()).queryParam("group", groupId)
                .get("/api/approvals").then().statusCode(200).extract().asString());
        assertThat(stream(members).map(a -> a.path("title").asText() + "=" + a.path("status").asText()))
                .containsExactlyInAnyOrder(format + "=approved", lint + "=approved", rename + "=rejected");
    }

    @Test
    void learningModeExplainsTheDecisionAndRapidModeDecidesLowRiskByPolicy() {
        SignedIn lead = accounts.newApprover("teacher");
        String project = "modes-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = Channels.create(accounts, "modes");
        String agent = newAgent();
        Consumer<ObjectNode> inProject = data -> data.put("channel", channel).put("project", project);
        try (ChatClient client = ChatClient.connect(chat.base(), lead.token())) {
            client.awaitType("ready");
            ok(client, channel, "/project create " + project);
            ok(client, channel, "/project bind " + project);
            setMode(client, channel, project, "learning");
            Page page = open(person(lead), channel);
            String taught = ask(agent, "Refactor auth", inProject);
            Locator explanation = card(page, taught).locator("[data-testid=explanation]");
            assertThat(explanation).containsText("Approving will:");
            assertThat(explanation).containsText("Rejecting will:");
            assertThat(explanation).containsText("Why this needs approval:");

            setMode(client, channel, project, "rapid");
            String quick = ask(agent, "Fix a typo", inProject.andThen(data -> data.put("risk", "low")));
            assertThat(card(page, quick)).hasAttribute("data-status", "approved");
            assertThat(card(page, quick).locator("[data-testid=card-title]")).containsText("Auto-approved by policy (rapid mode)");
        }
    }

    // ---- helpers

    /** Sets the project's mode from its channel, and waits until the chat has the snapshot that says so. */
    private static void setMode(ChatClient client, String channel, String project, String mode) {
        ok(client, channel, "/mode " + mode);
        client.awaitFrame(frame -> "workflow.state".equals(frame.path("type").asText())
                && project.equals(frame.path("snapshot").path("project").asText())
                && mode.equals(frame.path("snapshot").path("mode").asText()));
    }

    private static Page person(SignedIn user) {
        return browser.newPerson(chat.base(), user.username(), Accounts.PASSWORD);
    }

    private static Page open(Page page, String channel) {
        return WebClientIT.open(page, channel);
    }

    private static Locator card(Page page, String title) {
        return page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title));
    }

    private static Locator row(Locator group, String title) {
        return group.locator("[data-testid=group-row]", new Locator.LocatorOptions().setHasText(title));
    }

    /** An agent name of this test's own: rules and flow groups are per agent. */
    private static String newAgent() {
        return "bot-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A code_change request from the agent (in #workflow unless the data says otherwise); returns its unique title. */
    private static String ask(String agent, String title, Consumer<ObjectNode> details) {
        String unique = title + " " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", unique).put("expires_in_s", 900);
        data.putObject("payload");
        details.accept(data);
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", agent, data));
        return unique;
    }

    private static void ok(ChatClient client, String channel, String text) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", channel, "content", text));
        assertThat(result.path("ok").asBoolean()).as(text + " → " + result.path("message").asText()).isTrue();
    }

    private static JsonNode json(String body) {
        try {
            return ProtocolJson.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false);
    }
}
