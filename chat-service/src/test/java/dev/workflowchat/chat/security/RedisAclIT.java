package dev.workflowchat.chat.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import dev.workflowchat.chat.support.Accounts;
import dev.workflowchat.chat.support.Agent;
import dev.workflowchat.chat.support.ChatClient;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.History;
import dev.workflowchat.infra.AclUsers;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Redis ACL users docker compose and Kubernetes ship, from the one script that writes them
 * ({@code k8s/base/redis/acl-users.sh}), applied to the real Redis under this run's prefix (user
 * names made unique to the run; the default user left as it is). A chat-service works under its
 * user and reads each agent's own way in; an agent's user says things, asks and hears its own
 * decisions, and gets {@code NOPERM} for what the probe did with Redis open or with the older
 * shared ways: speak for the bridge, forge what the chat announces, trim or read other agents'
 * ways in, read the workflow.
 */
class RedisAclIT {

    private static final String NOPERM = "NOPERM";

    @Test
    void theShippedAclsLetTheServiceWorkAndHoldEachAgentToItsOwn() throws Exception {
        try (TestRun run = TestRun.start(); RawRedis admin = RawRedis.connect(run.redis().uri())) {
            assumeThat(AclUsers.supported(admin)).as("ACL key selectors need Redis 7").isTrue();
            try (AclUsers users = AclUsers.create(admin, run.redis(), run.redisPrefix(), List.of("code", "design"));
                 ChatServiceProcess service = ChatServiceProcess.start("acl", run, run.redis(),
                         Map.of("QUARKUS_REDIS_HOSTS", users.serviceUri("chat-service")));
                 RawRedis code = RawRedis.connect(users.agentUri("code"));
                 RawRedis design = RawRedis.connect(users.agentUri("design"))) {
                assertThat(users.users()).hasSize(5);
                actAsAgents(new RedisNames(run.redisPrefix()), Accounts.on(service.base()), code, design);
            }
        }
    }

    private static void actAsAgents(RedisNames names, Accounts accounts, RawRedis code, RawRedis design)
            throws Exception {
        String person = accounts.newApprover("acl").token();
        code.call("PUBLISH", names.in("code"), Agent.message(Agent.newId(), "code", "general", "said on my own channel"));
        xadd(code, names.inStream("code"), Agent.message(Agent.newId(), "code", "general", "said on my own stream"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(accounts, person, "general")
                .containsAll(List.of("said on my own channel", "said on my own stream")));

        // it asks, a person decides, and it hears the decision on its own stream
        String approval = Agent.newId();
        xadd(code, names.inStream("code"), Agent.approvalRequest(approval, "code", "code_change", "ACL", "{}", 600));
        await().atMost(ChatClient.WAIT).until(() -> accounts.request().auth().oauth2(person)
                .get("/api/approvals/" + approval).statusCode() == 200);
        accounts.request().auth().oauth2(person).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/api/approvals/" + approval + "/decision").then().statusCode(200);
        await().atMost(ChatClient.WAIT).until(() -> String.valueOf(code.call("XREAD", "COUNT", "100", "STREAMS",
                names.agentStream("code"), "0")).contains(approval));

        // what it does to its own stream is its own affair: design goes on
        code.call("XADD", names.inStream("code"), "MAXLEN", "0", "*", "event", "{}");
        xadd(design, names.inStream("design"), Agent.message(Agent.newId(), "design", "general", "design goes on"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(accounts, person, "general").contains("design goes on"));

        // and nothing more: the shared ways in, others' ways, what acts for people or the services
        String anything = Agent.message(Agent.newId(), "code", "general", "x");
        assertRefused(code, "XADD", names.inStream(), "*", "event", anything);
        assertRefused(code, "PUBLISH", names.in(), anything);
        assertRefused(code, "XADD", names.inStream(), "MAXLEN", "0", "*", "event", "{}");
        assertRefused(code, "XADD", names.inStream("design"), "*", "event", anything);
        assertRefused(code, "XADD", names.inStream("design"), "MAXLEN", "0", "*", "event", "{}");
        assertRefused(code, "XRANGE", names.inStream("code"), "-", "+");
        assertRefused(code, "XREAD", "STREAMS", names.agentStream("design"), "0");
        assertRefused(code, "XADD", names.agentStream("code"), "*", "event", "{}");
        assertRefused(code, "XADD", names.bridgeInStream(), "*", "event", "{}"); // a bridge.command runs /approve as anyone
        assertRefused(code, "PUBLISH", names.out(), "{}"); // a forged message.created with seq 10^12
        assertRefused(code, "XADD", names.outStream(), "*", "event", "{}");
        assertRefused(code, "XRANGE", names.outStream(), "-", "+");
        assertRefused(code, "XADD", names.deadletter(), "*", "event", "{}");
        assertRefused(code, "PUBLISH", names.stateCommands(), "{}");
        assertRefused(code, "XADD", names.stateInStream(), "*", "event", "{}");
        assertRefused(code, "GET", names.stateSnapshot("default"));
        assertRefused(code, "SUBSCRIBE", names.in()); // others' requests went by here
        assertRefused(code, "SUBSCRIBE", names.in("design"));
    }

    private static void assertRefused(RawRedis agent, String... command) {
        assertThatThrownBy(() -> agent.call(command)).as(String.join(" ", command)).hasMessageContaining(NOPERM);
    }

    private static void xadd(RawRedis agent, String stream, String envelope) {
        agent.call("XADD", stream, "*", "event", envelope);
    }
}
