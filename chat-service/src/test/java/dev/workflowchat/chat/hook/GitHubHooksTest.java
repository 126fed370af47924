package dev.workflowchat.chat.hook;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.chat.scheduler.HookDeliveryPruneJob;
import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Channels;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.chat.support.Hooks;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.protocol.ProtocolJson;
import dev.workflowchat.protocol.RedisNames;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.stream.StreamRange;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GitHub hooks, fed GitHub's documented payloads (src/test/resources/github) signed with the
 * hook's secret: CI results become workflow signals for the hook's project and a message with the
 * run's link; pull requests and pushes a short message; a delivery is applied once; anything
 * unsigned or wrongly signed changes nothing.
 */
@QuarkusTest
@WithTestResource(value = TestServices.class, scope = TestResourceScope.MATCHING_RESOURCES)
class GitHubHooksTest {

    private static final Accounts ACCOUNTS = Accounts.inProcess();

    @Inject
    RedisDataSource redis;

    @Inject
    RedisNames names;

    @Inject
    HookDeliveryPruneJob prune;

    @Test
    void aGitHubHookHasASigningSecretShownOnceAndAnswersPing() {
        String channel = Channels.create("gh-ping");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        assertThat(hook.signingSecret()).matches("[A-Za-z0-9_-]{43}");
        assertThat(given().auth().oauth2(Accounts.admin().token()).get("/api/hooks").asString())
                .contains(hook.id()).doesNotContain(hook.signingSecret());
        Hooks.github(ACCOUNTS, hook, "ping", delivery(), Hooks.fixture("ping")).then().statusCode(200)
                .body("ok", equalTo(true));
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).isEmpty();
    }

    @Test
    void aCompletedWorkflowRunSignalsCiToTheProjectAndPostsTheRunsLink() {
        String channel = Channels.create("gh-ci");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        String passed = delivery();
        String failed = delivery();
        Hooks.github(ACCOUNTS, hook, "workflow_run", passed, Hooks.fixture("workflow_run_completed_success"))
                .then().statusCode(200).body("ok", equalTo(true));
        Hooks.github(ACCOUNTS, hook, "workflow_run", failed, Hooks.fixture("workflow_run_completed_failure"))
                .then().statusCode(200);

        JsonNode pass = signal(hook, passed);
        assertThat(pass.path("type").asText()).isEqualTo("workflow.signal");
        assertThat(pass.path("source").asText()).isEqualTo("hook:" + hook.id());
        assertThat(pass.path("data").path("signal").asText()).isEqualTo("ci_passed");
        assertThat(pass.path("data").path("project").asText()).isEqualTo("shop");
        assertThat(signal(hook, failed).path("data").path("signal").asText()).isEqualTo("ci_failed");

        List<String> posted = History.contents(ACCOUNTS, Accounts.admin().token(), channel);
        assertThat(posted).containsExactly(
                "✅ CI passed: [Build #562](https://github.com/octo-org/shop/actions/runs/30433642) on main in octo-org/shop",
                "❌ CI failed: [Build #563](https://github.com/octo-org/shop/actions/runs/30433643) on main in octo-org/shop");
    }

    @Test
    void aCompletedCheckSuiteSignalsToo() {
        String channel = Channels.create("gh-checks");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", null);
        String id = delivery();
        Hooks.github(ACCOUNTS, hook, "check_suite", id, Hooks.fixture("check_suite_completed_failure")).then().statusCode(200);
        JsonNode signal = signal(hook, id);
        assertThat(signal.path("data").path("signal").asText()).isEqualTo("ci_failed");
        assertThat(signal.path("data").has("project")).isFalse(); // the default project
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).containsExactly(
                "❌ CI failed: [checks of `ec26c3e`](https://github.com/octo-org/shop/commit/"
                        + "ec26c3e57ca3a959ca5aad62de7213c562f8c821/checks) on feature/login in octo-org/shop");
    }

    @Test
    void pullRequestsAndPushesAreAShortMessageWhosePayloadTextCantShapeIt() {
        String channel = Channels.create("gh-pr");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        Hooks.github(ACCOUNTS, hook, "pull_request", delivery(), Hooks.fixture("pull_request_opened")).then().statusCode(200);
        Hooks.github(ACCOUNTS, hook, "pull_request", delivery(), Hooks.fixture("pull_request_closed_merged")).then().statusCode(200);
        Hooks.github(ACCOUNTS, hook, "pull_request", delivery(), Hooks.fixture("pull_request_closed_unmerged")).then().statusCode(200);
        Hooks.github(ACCOUNTS, hook, "push", delivery(), Hooks.fixture("push")).then().statusCode(200);
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).containsExactly(
                "Pull request opened: [#42 Card form with \\[a link\\]\\(javascript\\:alert\\(1\\)\\) and \\@everyone]"
                        + "(https://github.com/octo-org/shop/pull/42) by octocat in octo-org/shop",
                "Pull request merged: [#41 Checkout page](https://github.com/octo-org/shop/pull/41) by octocat in octo-org/shop",
                "Pull request closed: [#40 Old checkout](https://github.com/octo-org/shop/pull/40) by hubot in octo-org/shop",
                "octocat pushed [2 commits](https://github.com/octo-org/shop/compare/9049f1265b7d...0d1a26e67d8f) on main"
                        + " in octo-org/shop");
        assertThat(stateSignals(hook)).isEmpty();
    }

    @Test
    void otherEventsAndActionsAreAcceptedAndIgnored() {
        String channel = Channels.create("gh-other");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        Hooks.github(ACCOUNTS, hook, "issues", delivery(), Hooks.fixture("issues_opened")).then().statusCode(202)
                .body("ignored", equalTo(true));
        Hooks.github(ACCOUNTS, hook, "workflow_run", delivery(), Hooks.fixture("workflow_run_in_progress")).then().statusCode(202);
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).isEmpty();
        assertThat(stateSignals(hook)).isEmpty();
    }

    @Test
    void aReplayedDeliveryIsAnswered200AndAppliedOnceUntilItsIdIsForgotten() throws Throwable {
        String channel = Channels.create("gh-replay");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        String id = delivery();
        byte[] run = Hooks.fixture("workflow_run_completed_failure");
        Hooks.github(ACCOUNTS, hook, "workflow_run", id, run).then().statusCode(200).body("message_id", org.hamcrest.Matchers.notNullValue());
        Hooks.github(ACCOUNTS, hook, "workflow_run", id, run).then().statusCode(200).body("duplicate", equalTo(true));
        Hooks.github(ACCOUNTS, hook, "workflow_run", id, run).then().statusCode(200).body("duplicate", equalTo(true));
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).hasSize(1);
        assertThat(stateSignals(hook)).hasSize(1);

        // the same delivery id for another hook is another delivery
        Hooks.Made other = Hooks.github(ACCOUNTS, channel, "GitHub 2", "shop");
        Hooks.github(ACCOUNTS, other, "workflow_run", id, run).then().statusCode(200).body("duplicate", equalTo(null));

        // retention is bounded: once forgotten, an id applies again
        assertThat(VertxContextSupport.subscribeAndAwait(() -> prune.pruneOlderThan(Instant.now().plusSeconds(1))))
                .isGreaterThanOrEqualTo(2);
        Hooks.github(ACCOUNTS, hook, "workflow_run", id, run).then().statusCode(200).body("duplicate", equalTo(null));
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).hasSize(3);
    }

    @Test
    void aBadOrMissingSignatureIs401AndChangesNothing() {
        String channel = Channels.create("gh-sig");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        byte[] run = Hooks.fixture("workflow_run_completed_success");
        byte[] other = Hooks.fixture("workflow_run_completed_failure");
        for (String signature : new String[] {null, "", "sha256=", "sha256=zz", "sha1=" + "0".repeat(40),
                Hooks.signature("not-the-secret", run), Hooks.signature(hook.signingSecret(), other),
                Hooks.signature(hook.signingSecret(), run).toUpperCase()}) {
            var request = given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run")
                    .header("X-GitHub-Delivery", delivery());
            if (signature != null) {
                request.header("X-Hub-Signature-256", signature);
            }
            request.body(run).post(hook.path()).then().statusCode(401).body("code", equalTo("unauthorized"));
        }
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).isEmpty();
        assertThat(stateSignals(hook)).isEmpty();
    }

    @Test
    void aSignedButMalformedDeliveryIsABadRequest() {
        String channel = Channels.create("gh-malformed");
        Hooks.Made hook = Hooks.github(ACCOUNTS, channel, "GitHub", "shop");
        byte[] run = Hooks.fixture("workflow_run_completed_success");
        given().contentType("text/plain").header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", delivery())
                .header("X-Hub-Signature-256", Hooks.signature(hook.signingSecret(), run)).body(run).post(hook.path())
                .then().statusCode(415);
        given().contentType(ContentType.JSON).header("X-GitHub-Delivery", delivery())
                .header("X-Hub-Signature-256", Hooks.signature(hook.signingSecret(), run)).body(run).post(hook.path())
                .then().statusCode(400);
        given().contentType(ContentType.JSON).header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", "../x")
                .header("X-Hub-Signature-256", Hooks.signature(hook.signingSecret(), run)).body(run).post(hook.path())
                .then().statusCode(400);
        byte[] broken = "{\"action\":".getBytes(StandardCharsets.UTF_8);
        Hooks.github(ACCOUNTS, hook, "workflow_run", delivery(), broken).then().statusCode(400).body("code", equalTo("bad_request"));
        assertThat(History.contents(ACCOUNTS, Accounts.admin().token(), channel)).isEmpty();
        assertThat(stateSignals(hook)).isEmpty();
    }

    private static String delivery() {
        return UUID.randomUUID().toString();
    }

    private JsonNode signal(Hooks.Made hook, String delivery) {
        return stateSignals(hook).stream().filter(event -> event.path("id").asText().equals("github:" + hook.id() + ":" + delivery))
                .findFirst().orElseThrow(() -> new AssertionError("no signal for delivery " + delivery));
    }

    /** The workflow signals this hook sent on the state-broadcaster's shared stream. */
    private List<JsonNode> stateSignals(Hooks.Made hook) {
        return redis.stream(String.class, String.class, String.class)
                .xrange(names.stateInStream(), StreamRange.of("-", "+")).stream()
                .map(message -> parse(message.payload().get("event")))
                .filter(event -> ("hook:" + hook.id()).equals(event.path("source").asText()))
                .toList();
    }

    private static JsonNode parse(String json) {
        try {
            return ProtocolJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
