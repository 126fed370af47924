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
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approvals inbox (#/v/inbox) against the built service, with requests an agent asks over
 * Redis: filtered by project, agent and risk, triaged by keyboard (j/k, a, r with a reason, x and
 * Shift+A in one bulk call whose failures are named), read-only for a member, the History tab of
 * decisions by a person, a rule or a policy, urgency in the row and in the tab's title, and Modify
 * as a form whose changes the agent hears. Each test asks as an agent of its own.
 */
class WebClientInboxIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ViewportSize DESKTOP = new ViewportSize(1440, 900);
    private static final ViewportSize PHONE = new ViewportSize(390, 844);

    private static TestRun run;
    private static ChatServiceProcess chat;
    private static RedisClient redis;
    private static RedisNames names;
    private static Accounts accounts;
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        run = TestRun.start();
        chat = ChatServiceProcess.start("web-inbox", run, run.redis(), Map.of());
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
    void theInboxFiltersByRiskAgentAndProjectAndAReloadKeepsTheFilters() {
        String agent = newAgent();
        String other = newAgent();
        String project = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        String high = ask(agent, "Push the fix", data -> data.put("risk", "high").put("project", project));
        String low = ask(agent, "Fix a typo", data -> data.put("risk", "low"));
        String elsewhere = ask(other, "Other agent's change", data -> data.put("risk", "high").put("project", project));
        Page page = browser.newPerson(chat.base(), accounts.newApprover("triage").username(), Accounts.PASSWORD, DESKTOP);

        page.locator("channel-sidebar a[data-view=inbox]").click();
        assertThat(row(page, high)).isVisible();
        assertThat(row(page, low)).isVisible();
        assertThat(row(page, elsewhere)).isVisible();

        page.locator("approval-inbox select[data-filter=agent]").selectOption(agent);
        assertThat(row(page, elsewhere)).hasCount(0);
        assertThat(row(page, high)).isVisible();
        page.locator("approval-inbox select[data-filter=risk]").selectOption("high");
        assertThat(row(page, low)).hasCount(0);
        assertThat(row(page, high).locator("[data-testid=risk]")).hasText("High risk");
        assertThat(row(page, high).locator("[data-testid=row-agent]")).containsText(agent);
        assertThat(row(page, high).locator("[data-testid=row-channel]")).containsText("workflow");
        assertThat(row(page, high).locator("[data-testid=row-countdown]")).containsText("expires in");
        assertThat(page.locator("approval-inbox [data-testid=inbox-row]")).hasCount(1);

        page.reload(); // the filters are in the address
        assertThat(page.locator("approval-inbox select[data-filter=risk]")).hasValue("high");
        assertThat(page.locator("approval-inbox [data-testid=inbox-row]")).hasCount(1);
        page.locator("approval-inbox select[data-filter=agent]").selectOption("");
        page.locator("approval-inbox select[data-filter=project]").selectOption(project);
        assertThat(row(page, elsewhere)).isVisible();
        assertThat(row(page, high)).isVisible();
        assertThat(page.locator("approval-inbox [data-testid=inbox-row]")).hasCount(2);
        assertThat(Axe.moderateViolations(page)).isEmpty();
        Browser.screenshot(page, "inbox-desktop");

        Page phone = browser.newPerson(chat.base(), accounts.newApprover("phone").username(), Accounts.PASSWORD, PHONE);
        phone.navigate(page.url());
        assertThat(row(phone, high)).isVisible();
        assertThat(phone.locator("approval-inbox [data-testid=inbox-row]")).hasCount(2);
        assertThat(phone.locator("approval-inbox").evaluate("i => i.scrollWidth <= document.documentElement.clientWidth"))
                .isEqualTo(true);
        assertThat(Axe.moderateViolations(phone)).isEmpty();
        Browser.screenshot(phone, "inbox-phone");
    }

    @Test
    void aKeyboardWalkApprovesRejectsAndBulkApprovesNamingWhatFailed() {
        String agent = newAgent();
        String first = ask(agent, "Migrate the schema", data -> data.put("expires_in_s", 600));
        String second = ask(agent, "Drop the old table", data -> data.put("expires_in_s", 900));
        SignedIn lead = accounts.newApprover("lead");
        Page page = browser.newPerson(chat.base(), lead.username(), Accounts.PASSWORD, DESKTOP);
        page.locator("channel-sidebar a[data-view=inbox]").focus();
        page.keyboard().press("Enter");
        assertThat(page.locator("main-view h1")).isFocused();
        page.locator("approval-inbox select[data-filter=agent]").selectOption(agent);
        page.locator("main-view h1").focus(); // out of the menu: keys typed there are the menu's

        page.keyboard().press("j");
        assertThat(row(page, first)).hasAttribute("aria-selected", "true");
        assertThat(row(page, first)).isFocused();
        page.keyboard().press("j");
        assertThat(row(page, second)).hasAttribute("aria-selected", "true");
        assertThat(row(page, first)).hasAttribute("aria-selected", "false");
        page.keyboard().press("k");
        assertThat(row(page, first)).isFocused();

        page.keyboard().press("a");
        assertThat(row(page, first)).hasCount(0);
        assertThat(row(page, second)).isFocused(); // the selection goes on to the next request
        page.keyboard().press("r");
        Locator dialog = page.locator("approval-inbox reason-dialog dialog");
        assertThat(dialog).isVisible();
        page.keyboard().press("Escape");
        assertThat(dialog).not().isVisible();
        assertThat(row(page, second)).isFocused();
        page.keyboard().press("r");
        page.keyboard().type("not before the backup");
        page.keyboard().press("Enter");
        assertThat(row(page, second)).hasCount(0);

        JsonNode approved = decisionHeard(agent, first);
        assertThat(approved.path("status").asText()).isEqualTo("approved");
        assertThat(approved.path("decided_by").asText()).isEqualTo(lead.username());
        JsonNode rejected = decisionHeard(agent, second);
        assertThat(rejected.path("status").asText()).isEqualTo("rejected");
        assertThat(rejected.path("comment").asText()).isEqualTo("not before the backup");

        String third = ask(agent, "Rebuild the index", data -> data.put("expires_in_s", 600));
        String fourth = ask(agent, "Vacuum the database", data -> data.put("expires_in_s", 900));
        assertThat(row(page, fourth)).isVisible();
        page.keyboard().press("j");
        assertThat(row(page, third)).isFocused();
        page.keyboard().press("x");
        page.keyboard().press("j");
        page.keyboard().press("x");
        assertThat(row(page, third).locator("[data-testid=inbox-check]")).isChecked();
        assertThat(row(page, fourth).locator("[data-testid=inbox-check]")).isChecked();
        // meanwhile another approver decides the fourth: the row stays, selected, and says so
        String fourthId = row(page, fourth).getAttribute("data-approval-id");
        String thirdId = row(page, third).getAttribute("data-approval-id");
        SignedIn other = accounts.newApprover("other");
        post(other.token(), "/api/approvals/" + fourthId + "/decision", "{\"action\":\"approve\"}", 200);
        assertThat(row(page, fourth)).hasAttribute("data-status", "approved");

        page.keyboard().press("Shift+A");
        Locator report = page.locator("approval-inbox [data-testid=bulk-report]");
        assertThat(report).containsText("1 approved; 1 not");
        assertThat(report.locator("[data-testid=bulk-failure]")).hasCount(1);
        assertThat(report.locator("[data-testid=bulk-failure]")).containsText(fourth);
        assertThat(report.locator("[data-testid=bulk-failure]")).containsText("already decided by someone else");
        assertThat(row(page, third)).hasCount(0);
        await().atMost(WAIT).until(() -> "approved".equals(status(thirdId)));
        assertThat(decisionHeard(agent, third).path("decided_by").asText()).isEqualTo(lead.username());
        assertThat(status(fourthId)).isEqualTo("approved");
    }

    @Test
    void aMemberReadsTheInboxWithoutButtonsAndIsRefusedABulkDecision() {
        String agent = newAgent();
        String title = ask(agent, "Deploy to staging", data -> data.put("risk", "medium"));
        SignedIn member = accounts.newMember("watcher");
        Page page = browser.newPerson(chat.base(), member.username(), Accounts.PASSWORD, PHONE);
        page.navigate(chat.base().resolve("/#/v/inbox/agent%3D" + agent).toString());

        assertThat(row(page, title)).isVisible();
        assertThat(row(page, title).locator("[data-action=approve]")).hasCount(0);
        assertThat(row(page, title).locator("[data-action=reject]")).hasCount(0);
        assertThat(row(page, title).locator("[data-action=modify]")).hasCount(0);
        assertThat(row(page, title).locator("[data-testid=inbox-check]")).hasCount(0);
        assertThat(page.locator("approval-inbox .hint")).containsText("approvers and admins decide");
        page.locator("main-view h1").focus();
        page.keyboard().press("j");
        page.keyboard().press("a");
        page.keyboard().press("Enter");
        assertThat(row(page, title).locator("approval-card")).isVisible(); // the card opens, still without buttons
        assertThat(row(page, title).locator("approval-card [data-action=approve]")).hasCount(0);
        assertThat(row(page, title)).hasAttribute("data-status", "pending");
        assertThat(Axe.seriousViolations(page)).isEmpty();

        String id = row(page, title).getAttribute("data-approval-id");
        post(member.token(), "/api/approvals/decisions", "{\"approval_ids\":[\"" + id + "\"],\"action\":\"approve\"}", 403);
        assertThat(status(id)).isEqualTo("pending");
    }

    @Test
    void historyListsDecisionsByPersonRuleAndPolicyAPageAtATime() {
        SignedIn admin = accounts.signInAdmin();
        String agent = newAgent();
        String ruleId = RestAssured.given().baseUri(chat.base().toString()).auth().oauth2(admin.token())
                .contentType(ContentType.JSON).body("{\"kind\":\"allow\",\"project\":\"default\",\"agent\":\"" + agent
                        + "\",\"request_type\":\"code_change\",\"command_prefix\":\"npm test\",\"until\":\"revoked\"}")
                .post("/api/approval-rules").then().statusCode(201).extract().path("rule_id");
        String byRule = ask(agent, "Run the tests", data -> data.put("command", "npm test --ci"));
        String project = "rapid-" + UUID.randomUUID().toString().substring(0, 6);
        redis.command("SET", names.stateSnapshot(project), "{\"project\":\"" + project + "\",\"mode\":\"rapid\"}");
        String byPolicy = ask(agent, "Fix a typo", data -> data.put("risk", "low").put("project", project));

        Page page = browser.newPerson(chat.base(), accounts.newApprover("auditor").username(), Accounts.PASSWORD, DESKTOP);
        page.navigate(chat.base().resolve("/#/v/inbox/tab%3Dhistory").toString());
        Locator history = page.locator("approval-history");
        assertThat(history.locator("[data-testid=history-row]", new Locator.LocatorOptions().setHasText(byRule))
                .locator("[data-testid=history-by]")).hasText("rule:" + ruleId);
        assertThat(history.locator("[data-testid=history-row]", new Locator.LocatorOptions().setHasText(byPolicy))
                .locator("[data-testid=history-by]")).hasText("policy:rapid");
        assertThat(history.locator("[data-testid=history-row]", new Locator.LocatorOptions().setHasText(byPolicy)))
                .containsText("Auto-approved by policy (rapid mode)");
        assertThat(history.locator("[data-testid=audit-export]")).hasAttribute("href", "/api/approvals/audit?format=csv");
        assertThat(Axe.seriousViolations(page)).isEmpty();

        // the pages come from the server: one at a time, newest decision first, and bad paging is refused
        List<String> pageOne = decidedIds(admin.token(), 0, 1);
        List<String> pageTwo = decidedIds(admin.token(), 1, 1);
        assertThat(pageOne).hasSize(1);
        assertThat(pageTwo).hasSize(1).doesNotContainAnyElementsOf(pageOne);
        get(admin.token(), "/api/approvals?status=decided&limit=0", 400);
        get(admin.token(), "/api/approvals?status=decided&offset=abc", 400);
        get(admin.token(), "/api/approvals?status=finished", 400);

        Page member = browser.newPerson(chat.base(), accounts.newMember("reader").username(), Accounts.PASSWORD, DESKTOP);
        member.navigate(chat.base().resolve("/#/v/inbox/tab%3Dhistory").toString());
        assertThat(member.locator("approval-history [data-testid=history-row]").first()).isVisible();
        assertThat(member.locator("approval-history [data-testid=audit-export]")).hasCount(0);
    }

    @Test
    void historyFiltersAreAppliedByTheServerSoAnOlderDecisionIsFound() {
        String agent = newAgent();
        String quiet = "rapid-" + UUID.randomUUID().toString().substring(0, 6);
        String busy = "rapid-" + UUID.randomUUID().toString().substring(0, 6);
        redis.command("SET", names.stateSnapshot(quiet), "{\"project\":\"" + quiet + "\",\"mode\":\"rapid\"}");
        redis.command("SET", names.stateSnapshot(busy), "{\"project\":\"" + busy + "\",\"mode\":\"rapid\"}");
        String old = ask(agent, "An older one", data -> data.put("risk", "low").put("project", quiet));
        decisionHeard(agent, old);
        // more decisions since than a history page holds, all in another project
        List<String> newer = new java.util.ArrayList<>();
        for (int i = 0; i < 21; i++) {
            newer.add(ask(agent, "Newer " + i, data -> data.put("risk", "low").put("project", busy)));
        }
        newer.forEach(title -> decisionHeard(agent, title));

        Page page = browser.newPerson(chat.base(), accounts.newApprover("historian").username(), Accounts.PASSWORD, DESKTOP);
        page.navigate(chat.base().resolve("/#/v/inbox/" + URLEncoder.encode("tab=history&project=" + quiet,
                StandardCharsets.UTF_8)).toString());
        Locator rows = page.locator("approval-history [data-testid=history-row]");
        assertThat(rows.filter(new Locator.FilterOptions().setHasText(old))).isVisible();
        assertThat(rows).hasCount(1);
        assertThat(page.locator("approval-history [data-action=older]")).isDisabled();
    }

    @Test
    void aRequestInTheLastFifthOfItsLifeSaysExpiresSoonAlsoInTheTabTitle() {
        String agent = newAgent();
        String calm = ask(agent, "Plenty of time", data -> data.put("expires_in_s", 900));
        String hurried = ask(agent, "Hurry up", data -> data.put("expires_in_s", 30));
        Page page = browser.newPerson(chat.base(), accounts.newApprover("clock").username(), Accounts.PASSWORD, DESKTOP);
        page.navigate(chat.base().resolve("/#/v/inbox/agent%3D" + agent).toString());
        assertThat(row(page, hurried).locator("[data-testid=row-countdown]")).containsText("expires in");
        assertThat(page.title()).doesNotContain("expiring");

        // 30 s asked: the last fifth starts 24 s after the request
        assertThat(row(page, hurried).locator("[data-testid=row-countdown]")).containsText("expires soon",
                new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions().setTimeout(30_000));
        assertThat(row(page, hurried).locator("[data-testid=row-countdown]")).hasClass(java.util.regex.Pattern.compile("urgent"));
        assertThat(page.locator("approval-inbox [data-testid=inbox-row]").first()).containsText(hurried);
        assertThat(row(page, calm).locator("[data-testid=row-countdown]")).not().containsText("soon");
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> page.title().startsWith("(1 expiring) "));
    }

    @Test
    void modifyIsAFormOfThePayloadsFieldsThatRefusesANonNumberAndTheAgentHearsTheChanges() {
        String agent = newAgent();
        String title = ask(agent, "Scale the service", data -> {
            ObjectNode payload = data.putObject("payload");
            payload.put("target", "staging").put("replicas", 2).put("dry_run", true)
                    .put("notes", "x".repeat(5_000));
        });
        Page page = browser.newPerson(chat.base(), accounts.newApprover("editor").username(), Accounts.PASSWORD, DESKTOP);
        page.navigate(chat.base().resolve("/#/v/inbox/agent%3D" + agent).toString());
        row(page, title).locator("[data-action=modify]").click();
        Locator form = row(page, title).locator("[data-testid=modify-form]");
        assertThat(form.locator("input[data-field=target]")).hasValue("staging");
        assertThat(form.locator("input[data-field=dry_run]")).isChecked();
        assertThat(form.locator("textarea[data-field=notes]")).hasValue("x".repeat(5_000)); // long text: all of it
        String id = row(page, title).getAttribute("data-approval-id");

        form.locator("input[data-field=replicas]").fill("three");
        form.locator("[data-action=modify-submit]").click();
        assertThat(form.locator("[data-testid=modify-error]")).containsText("“replicas” must be a number");
        assertThat(status(id)).isEqualTo("pending");

        form.locator("input[data-field=replicas]").fill("3");
        form.locator("input[data-field=dry_run]").uncheck();
        form.locator("[data-action=modify-submit]").click();
        JsonNode heard = decisionHeard(agent, title);
        assertThat(heard.path("status").asText()).isEqualTo("approved");
        assertThat(heard.path("modifications").path("replicas").asInt()).isEqualTo(3);
        assertThat(heard.path("modifications").path("dry_run").asBoolean()).isFalse();
        assertThat(heard.path("modifications").path("target").asText()).isEqualTo("staging");
        Locator card = row(page, title).locator("approval-card");
        assertThat(card.locator("[data-testid=card-title]")).containsText("Modified and approved by");
        assertThat(card.locator("[data-testid=changes]")).containsText("replicas");
        assertThat(card.locator("[data-testid=changes] tbody tr")).hasCount(2);
    }

    // ---- helpers

    private static Locator row(Page page, String title) {
        return page.locator("approval-inbox [data-testid=inbox-row]", new Page.LocatorOptions().setHasText(title));
    }

    private static String newAgent() {
        return "inbox-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A code_change request of the agent in #workflow; returns its unique title. */
    private static String ask(String agent, String title, Consumer<ObjectNode> details) {
        String unique = title + " " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode()
                .put("request_type", "code_change").put("title", unique).put("expires_in_s", 900);
        data.putObject("payload");
        details.accept(data);
        redis.xadd(names.inStream(), WebClientIT.envelope("t-" + UUID.randomUUID(), "approval.request", agent, data));
        return unique;
    }

    /** The approval.decided the agent heard on its own stream for the request titled so. */
    private static JsonNode decisionHeard(String agent, String title) {
        return await().atMost(WAIT).until(() -> redis.xrange(names.agentStream(agent)).stream()
                .map(entry -> json(entry.get(1).get(1).toString()))
                .filter(event -> "approval.decided".equals(event.path("type").asText())
                        && title.equals(event.path("data").path("title").asText()))
                .map(event -> event.path("data"))
                .findFirst().orElse(null), found -> found != null);
    }

    private static String status(String id) {
        return RestAssured.given().baseUri(chat.base().toString()).auth().oauth2(accounts.signInAdmin().token())
                .get("/api/approvals/" + id).then().statusCode(200).extract().path("status");
    }

    private static List<String> decidedIds(String token, int offset, int limit) {
        return RestAssured.given().baseUri(chat.base().toString()).auth().oauth2(token)
                .get("/api/approvals?status=decided&offset=" + offset + "&limit=" + limit)
                .then().statusCode(200).extract().jsonPath().getList("approval_id", String.class);
    }

    private static void post(String token, String path, String body, int expected) {
        RestAssured.given().baseUri(chat.base().toString()).auth().oauth2(token).contentType(ContentType.JSON)
                .body(body).post(path).then().statusCode(expected);
    }

    private static void get(String token, String path, int expected) {
        RestAssured.given().baseUri(chat.base().toString()).auth().oauth2(token).get(path).then().statusCode(expected);
    }

    private static JsonNode json(String text) {
        try {
            return ProtocolJson.mapper().readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
