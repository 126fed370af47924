package dev.workflowchat.chat.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.ViewportSize;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Accounts.SignedIn;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.Axe;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The control room's boards in the browser (issue 19), against the built chat-service and a real
 * state-broadcaster: the workflow is typed in the chat as a person would, agents speak over Redis.
 * Projects overview, sprint board with its story drawer, agent board, and the state diagram.
 */
class WebClientBoardsIT {

    private static final ViewportSize DESKTOP = new ViewportSize(1440, 900);
    private static final ViewportSize PHONE = new ViewportSize(390, 844);
    private static final String HOSTILE = "<img src=x onerror=window.__boards=1>";
    private static final String DEEP_FOCUS = """
            () => { let a = document.activeElement;
                    while (a && a.shadowRoot && a.shadowRoot.activeElement) { a = a.shadowRoot.activeElement; }
                    return a ? (a.dataset.story || a.id || a.tagName) : null; }""";

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
        chat = ChatServiceProcess.start("web-boards", run, run.redis(), Map.of());
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
    void theOverviewAndTheSprintBoardFollowTheWorkflowTypedInTheChat() {
        SignedIn lead = accounts.newApprover("lead");
        Page page = person(lead, DESKTOP);
        Sprint sprint = plan(page);

        go(page, "#/v/projects");
        Locator card = page.locator("[data-testid=project-card][data-project='" + sprint.project + "']");
        assertThat(card.locator("[data-testid=project-state]")).hasText("SPRINT_ACTIVE");
        assertThat(card.locator("[data-testid=project-sprint]")).containsText("day 1 of 14");
        assertThat(card.locator("[data-testid=project-progress]")).containsText("0 of 5 points done");
        assertThat(card.locator("[data-testid=project-progress]")).containsText("0 of 2 stories done");
        assertThat(card.locator("[data-testid=project-channel]")).hasAttribute("href", "#/c/" + sprint.channel);
        card.locator("[data-testid=project-board-link]").click();
        assertThat(page).hasURL(Pattern.compile(".*#/v/sprint/" + sprint.project + "$"));

        assertThat(column(page, "planned").locator("[data-story=S1]")).isVisible();
        assertThat(column(page, "planned").locator("[data-story=S2]")).isVisible();
        assertThat(page.locator("[data-testid=backlog] [data-story=S3]")).hasCount(1);

        try (ChatClient client = ChatClient.connect(chat.base(), lead.token())) {
            client.awaitType("ready");
            ok(client, sprint.channel, "/tdd start S1");
            ok(client, sprint.channel, "/story update S2 status done");
        }
        assertThat(column(page, "in_progress").locator("[data-story=S1] [data-testid=tdd-chip]")).hasText("TDD: design");
        assertThat(column(page, "done").locator("[data-story=S2]")).isVisible();
        assertThat(column(page, "planned").locator("[data-testid=story-card]")).hasCount(0);

        go(page, "#/v/projects");
        assertThat(card.locator("[data-testid=project-progress]")).containsText("3 of 5 points done");
        assertThat(card.locator("[data-testid=project-progress]")).containsText("1 of 2 stories done");
        assertThat(card.locator("[data-testid=project-cycles]")).hasText("1 open TDD cycle");
        Browser.screenshot(page, "boards-projects");
    }

    @Test
    void hostileStoryTitlesAreShownAsText() {
        Page page = person(accounts.newApprover("wary"), DESKTOP);
        Sprint sprint = plan(page);
        WebClientIT.open(page, "general");
        go(page, "#/v/sprint/" + sprint.project);
        page.locator("[data-testid=backlog] summary").click(); // the backlog is folded while a sprint runs
        Locator hostile = page.locator("[data-story=S3] [data-testid=story-title]");
        assertThat(hostile).hasText(HOSTILE);
        assertThat(page.locator("sprint-board img")).hasCount(0);
        hostile.click();
        assertThat(page.locator("[data-testid=story-drawer] h2#story-title")).containsText(HOSTILE);
        assertThat(page.locator("story-drawer img")).hasCount(0);
        assertThat(page.evaluate("() => window.__boards === undefined")).isEqualTo(true);

        // a hand-typed address naming no project (or markup) says so, as text
        go(page, "#/v/sprint/" + java.net.URLEncoder.encode(HOSTILE, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"));
        assertThat(page.locator("[data-testid=sprint-empty]")).containsText("No workflow for " + HOSTILE);
        assertThat(page.locator("sprint-board img")).hasCount(0);
        go(page, "#/v/sprint/" + sprint.project);
        page.locator("[data-testid=backlog] summary").click();
        page.locator("[data-story=S3]").click();

        // the cycle's log is asked for in the project's channel, not the one that was open
        page.locator("[data-testid=drawer-tdd-logs]").click();
        assertThat(page.locator("channel-header h1")).containsText(sprint.channel);
        assertThat(WebClientIT.composer(page)).hasValue("/tdd logs S3");
    }

    @Test
    void aStoryOpensInADrawerByKeyboardWithItsCycleApprovalAndMessages() {
        SignedIn lead = accounts.newApprover("drawer");
        Page page = person(lead, DESKTOP);
        Sprint sprint = plan(page);
        type(page, "/tdd start S1");
        type(page, "S1 needs a failing test for the empty password first");
        String agent = "code-" + UUID.randomUUID().toString().substring(0, 6);
        stateEvent(agent, "tdd.report", data -> data.put("project", sprint.project).put("story_id", "S1").put("to", "TEST_RED")
                .put("commit", "9f2c1e7aa").put("url", "https://ci.example.com/runs/9")
                .putObject("tests").put("passed", 4).put("failed", 1).put("skipped", 0));
        String title = ask(agent, "Commit the login test", sprint, data -> data.put("story_id", "S1").put("tdd_phase", "TEST_RED"));

        go(page, "#/v/sprint/" + sprint.project);
        Locator story = column(page, "in_progress").locator("[data-story=S1]");
        assertThat(story.locator("[data-testid=tdd-chip]")).hasText("TDD: red");
        // the card says the last test evidence in words; its ✗ mark only repeats them
        assertThat(story.locator("[data-testid=story-evidence]")).hasText("tests 4 passed, 1 failed · commit 9f2c1e7");
        assertThat(story.locator("[data-testid=story-evidence]")).hasAttribute("data-state", "failing");
        story.focus();
        page.keyboard().press("Enter");
        Locator drawer = page.locator("[data-testid=story-drawer]");
        assertThat(drawer).isVisible();
        assertThat(page.evaluate(DEEP_FOCUS)).isEqualTo("story-title");
        assertThat(drawer.locator("[data-testid=drawer-criteria]")).hasText("a link by email");
        assertThat(drawer.locator("[data-testid=drawer-cycle]")).containsText("red");
        assertThat(drawer.locator("[data-testid=drawer-cycle]")).containsText("TEST_RED");
        Locator evidence = drawer.locator("[data-testid=drawer-evidence]");
        assertThat(evidence).containsText("tests 4 passed, 1 failed · commit 9f2c1e7");
        assertThat(evidence.locator("a")).hasAttribute("href", "https://ci.example.com/runs/9");
        assertThat(drawer.locator("[data-testid=drawer-approval]")).containsText(title);
        Locator message = drawer.locator("[data-testid=drawer-message]", new Locator.LocatorOptions()
                .setHasText("failing test for the empty password"));
        assertThat(message).hasCount(1);
        Browser.screenshot(page, "boards-story-drawer");

        page.keyboard().press("Escape");
        assertThat(drawer).hasCount(0);
        assertThat(page.evaluate(DEEP_FOCUS)).isEqualTo("S1");

        page.keyboard().press("Enter");
        message.locator("a").first().click();
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + sprint.channel + "/m/.+"));
        assertThat(page.locator("main [data-testid=message].linked")).containsText("failing test for the empty password");
    }

    @Test
    void theAgentBoardSaysEachStatusPutsWhoWaitsOnYouFirstAndShowsTheLastError() {
        SignedIn lead = accounts.newApprover("agents");
        Page page = person(lead, DESKTOP);
        Sprint sprint = project(page);
        String tag = UUID.randomUUID().toString().substring(0, 6);
        String busy = "aaa-" + tag;
        String asking = "zzz-" + tag;
        // busy since an hour ago, as the server says (status_since): not since this page first saw it
        String busySince = Instant.now().minusSeconds(3600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        redis.xadd(names.inStream(), Agent.status(Agent.newId(), busy, "busy", "Writing the login test", busySince));
        redis.xadd(names.inStream(), Agent.status(Agent.newId(), asking, "idle", "Waiting for review", Instant.now().toString()));
        stateEvent(busy, "agent.activity", data -> data.put("project", sprint.project).put("agent", busy)
                .put("action", "Writing the failing test").put("status", "started").put("story_id", "S1"));
        String title = ask(asking, "Merge the login branch", sprint, data -> data.put("story_id", "S1"));

        go(page, "#/v/agents");
        Locator cards = page.locator("[data-testid=agent-card]");
        Locator busyCard = page.locator("[data-testid=agent-card][data-agent='" + busy + "']");
        Locator askingCard = page.locator("[data-testid=agent-card][data-agent='" + asking + "']");
        assertThat(busyCard.locator("[data-testid=agent-status]")).hasText("◆Busy");
        assertThat(busyCard.locator("[data-testid=agent-task]")).containsText("Writing the login test");
        assertThat(busyCard.locator("[data-testid=agent-since] time")).hasAttribute("datetime", busySince);
        assertThat(busyCard.locator("[data-testid=agent-task]")).containsText("story S1");
        assertThat(askingCard.locator("[data-testid=agent-waiting]")).containsText("Waiting on you");
        assertThat(cards.first().locator("[data-testid=agent-waiting]")).hasCount(1);
        assertThat(cards.evaluateAll("(cards, [a, b]) => { const all = cards.map(c => c.dataset.agent);"
                + " return all.indexOf(a) >= 0 && all.indexOf(a) < all.indexOf(b); }", java.util.List.of(asking, busy)))
                .isEqualTo(true);

        // one model: the sidebar and the Context tab say what the board says
        Locator sidebar = page.locator("channel-sidebar a[data-channel='dm:" + busy + ":" + lead.username() + "'] [data-testid=agent-status]");
        assertThat(sidebar).hasText("Busy");
        stateEvent(busy, "agent.activity", data -> data.put("project", sprint.project).put("agent", busy)
                .put("action", "Run the login tests").put("status", "failed").put("story_id", "S1"));
        assertThat(busyCard.locator("[data-testid=agent-error]")).containsText("Last error: Run the login tests (S1)");
        Browser.screenshot(page, "boards-agents");

        askingCard.locator("[data-testid=agent-waiting-link]").click();
        assertThat(page).hasURL(Pattern.compile(".*#/c/" + sprint.channel + "/m/.+"));
        assertThat(page.locator("[data-testid=approval-card]", new Page.LocatorOptions().setHasText(title))).isVisible();
        redis.xadd(names.inStream(), Agent.status(Agent.newId(), busy, "busy", "Writing the login test", Instant.now().toString()));
        assertThat(page.locator("side-panel [data-agent='" + busy + "'] [data-testid=context-agent-status]").first())
                .containsText("Busy");
    }

    @Test
    void theDiagramDrawsEveryTransitionAndPutsAnAllowedCommandInTheComposer() {
        Page page = person(accounts.newApprover("diagram"), DESKTOP);
        Sprint sprint = project(page);
        Locator diagram = page.locator("side-panel state-diagram");
        assertThat(diagram.locator("[data-testid=diagram-now]")).containsText("(IDLE)");
        assertThat(diagram.locator("g.current")).hasAttribute("data-state", "IDLE");
        for (String edge : new String[] {"BLOCKED>SPRINT_ACTIVE", "SPRINT_PAUSED>SPRINT_REVIEW", "SPRINT_PAUSED>SPRINT_ACTIVE",
                "SPRINT_REVIEW>IDLE", "SPRINT_REVIEW>BACKLOG_READY"}) {
            assertThat(diagram.locator("[data-edge='" + edge + "']")).hasCount(1);
        }
        diagram.locator("button[data-command='/epic']").click();
        assertThat(WebClientIT.composer(page)).hasValue("/epic ");

        go(page, "#/v/projects");
        diagram.locator("button[data-command='/mode']").click();
        assertThat(page.locator("channel-header h1")).containsText(sprint.channel);
        assertThat(WebClientIT.composer(page)).hasValue("/mode ");
    }

    @Test
    void theBoardsHaveNoSeriousAccessibilityProblemAtDesktopAndPhoneSize() {
        SignedIn lead = accounts.newApprover("axe");
        Page desktop = person(lead, DESKTOP);
        Sprint sprint = plan(desktop);
        redis.xadd(names.inStream(), Agent.status(Agent.newId(), "axe-" + UUID.randomUUID().toString().substring(0, 6), "busy",
                "Checking", Instant.now().toString()));
        Page phone = person(lead, PHONE);
        for (Page page : new Page[] {desktop, phone}) {
            for (String board : new String[] {"#/v/projects", "#/v/sprint/" + sprint.project, "#/v/agents"}) {
                go(page, board);
                assertThat(Axe.moderateViolations(page)).as(board).isEmpty(); // the views: moderate ones too
            }
            go(page, "#/v/sprint/" + sprint.project);
            page.locator("[data-story=S1]").click();
            assertThat(page.locator("[data-testid=story-drawer]")).isVisible();
            assertThat(Axe.seriousViolations(page)).as("story drawer").isEmpty();
            page.keyboard().press("Escape");
        }
        Browser.screenshot(phone, "boards-phone");
    }

    // ---- helpers

    private record Sprint(String project, String channel) {
    }

    /** A project of its own bound to a channel of its own, typed in that channel; the page is left there. */
    private static Sprint project(Page page) {
        String project = "web-" + UUID.randomUUID().toString().substring(0, 6);
        String channel = Channels.create(accounts, "boards");
        page.reload();
        page.locator("[data-testid=connection]:has-text('Online')").waitFor();
        WebClientIT.open(page, channel);
        type(page, "/project create " + project);
        type(page, "/project bind " + project);
        return new Sprint(project, channel);
    }

    /** A project with an epic, three stories (the third with a hostile title) and an active sprint of S1 and S2. */
    private static Sprint plan(Page page) {
        Sprint sprint = project(page);
        type(page, "/epic \"Login\"");
        type(page, "/story add E1 \"Reset password\" \"a link by email\"");
        type(page, "/story add E1 \"Remember me\"");
        type(page, "/story add E1 \"" + HOSTILE + "\"");
        type(page, "/story update S1 points 2");
        type(page, "/story update S2 points 3");
        type(page, "/story update S1 assignee code");
        type(page, "/sprint plan 2w S1 S2 \"Sign-in works\"");
        type(page, "/sprint start");
        return sprint;
    }

    /** Types a line in the open channel's composer and sends it; a command waits for its answer. */
    private static void type(Page page, String text) {
        Locator answers = page.locator("main article.ephemeral.system");
        int before = answers.count();
        Locator composer = WebClientIT.composer(page);
        composer.fill(text);
        composer.press("Enter");
        if (text.startsWith("/")) {
            assertThat(answers).hasCount(before + 1);
            assertThat(answers.last()).not().containsText("not allowed");
        } else {
            assertThat(page.locator("main [data-testid=message]:not(.pending)", new Page.LocatorOptions().setHasText(text)))
                    .hasCount(1);
        }
    }

    private static Page person(SignedIn user, ViewportSize size) {
        return browser.newPerson(chat.base(), user.username(), Accounts.PASSWORD, size);
    }

    private static void go(Page page, String hash) {
        page.evaluate("h => { location.hash = h; }", hash);
        assertThat(page.locator("main-view [data-testid=view-title]")).isVisible();
    }

    private static Locator column(Page page, String status) {
        return page.locator("sprint-board section[data-column=" + status + "]");
    }

    /** An event an agent sends the state-broadcaster on the shared durable way in. */
    private static void stateEvent(String agent, String type, java.util.function.Consumer<ObjectNode> details) {
        ObjectNode data = ProtocolJson.mapper().createObjectNode();
        details.accept(data);
        redis.xadd(names.stateInStream(), WebClientIT.envelope(Agent.newId(), type, agent, data));
    }

    /** A code_change request from the agent about the project, in its channel; returns its unique title. */
    private static String ask(String agent, String title, Sprint sprint, java.util.function.Consumer<ObjectNode> details) {
        String unique = title + " " + UUID.randomUUID().toString().substring(0, 8);
        ObjectNode data = ProtocolJson.mapper().createObjectNode().put("request_type", "code_change").put("title", unique)
                .put("expires_in_s", 900).put("channel", sprint.channel).put("project", sprint.project);
        data.putObject("payload");
        details.accept(data);
        redis.xadd(names.inStream(), WebClientIT.envelope(Agent.newId(), "approval.request", agent, data));
        return unique;
    }

    private static void ok(ChatClient client, String channel, String text) {
        JsonNode result = client.awaitAnswer(client.send("message.send", "channel", channel, "content", text));
        assertThat(result.path("ok").asBoolean()).as(text + " → " + result.path("message").asText()).isTrue();
    }
}
