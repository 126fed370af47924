package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.workflowchat.infra.AclUsers;
import dev.workflowchat.infra.RawRedis;
import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventTypes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client under the Redis ACLs the deployment ships (k8s/base/redis/acl-users.sh, applied to the
 * real Redis under this run's prefix): logged in as its agent's own user from the URL, it says
 * things, reports, asks for an approval and hears the decision, all on its own ways; the shared ways
 * in are closed to it.
 */
@ExtendWith(SharedRedis.class)
class AgentUnderAclTest {

    private static final String NOPERM = "NOPERM";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void anAgentLoggedInAsItsOwnUserSpeaksAndHearsOnItsOwnWaysOnly() throws Exception {
        try (RawRedis admin = RawRedis.connect(SharedRedis.uri())) {
            assumeThat(AclUsers.supported(admin)).as("ACL key selectors need Redis 7").isTrue();
            String agent = SharedRedis.agent("acl");
            try (AclUsers users = AclUsers.create(admin, SharedRedis.endpoint(), SharedRedis.prefix(), List.of(agent))) {
                assertThat(users.users()).hasSize(4).anyMatch(user -> user.startsWith("agent-" + agent + "-"));
                actAsTheAgent(new RedisNames(SharedRedis.prefix()), agent, users.agentUri(agent), admin);
            }
        }
    }

    private static void actAsTheAgent(RedisNames names, String agent, String uri, RawRedis admin) throws Exception {
        try (AgentClient client = AgentClient.connect(uri, SharedRedis.prefix(), agent);
             ChatSimulator chat = SharedRedis.chat(agent)) {
            List<AgentEvent> heard = new CopyOnWriteArrayList<>();
            client.listen(heard::add);

            String posted = client.post("general", "said under ACL").await().atMost(WAIT);
            client.status("busy", "Under ACL").await().atMost(WAIT);
            ApprovalRequest request = ApprovalRequest.of("code_change", "Refactor under ACL", Map.of("files", List.of("a.py")), null);
            CompletableFuture<Decision> decision = client.requestApproval(request).subscribeAsCompletionStage();
            String command = client.command("/sprint", List.of("start")).await().atMost(WAIT);
            client.activity("Working under ACL", "started", null).await().atMost(WAIT);

            assertThat(chat.sent(posted).type()).isEqualTo(EventTypes.AGENT_MESSAGE);
            assertThat(chat.sent(request.id()).type()).as("the request lands on its own stream").isEqualTo(EventTypes.APPROVAL_REQUEST);
            assertThat(chat.inbound()).anyMatch(envelope -> envelope.type().equals(EventTypes.AGENT_STATUS));
            assertThat(chat.stateInbound()).anyMatch(raw -> raw.contains(command))
                    .anyMatch(raw -> raw.contains("Working under ACL"));

            chat.decide(request.id(), "approved", "fine", null);
            assertThat(decision.get(WAIT.toSeconds(), TimeUnit.SECONDS).outcome()).isEqualTo(Decision.Outcome.APPROVED);
            chat.direct("are you there?");
            Listening.until(() -> heard.stream().anyMatch(AgentEvent.DirectMessage.class::isInstance));
        }
        try (RawRedis asAgent = RawRedis.connect(uri); RawRedis listener = RawRedis.connect(uri)) {
            // it hears on its own channel
            assertThat(listener.call("SUBSCRIBE", names.agent(agent))).isEqualTo(List.of("subscribe", names.agent(agent), 1L));
            assertThat(admin.call("PUBLISH", names.agent(agent), "for " + agent)).isEqualTo(1L);
            assertThat(listener.pushed()).isEqualTo(List.of("message", names.agent(agent), "for " + agent));
            // and nowhere else, nor does it write anyone else's way in
            for (String[] refused : new String[][] {
                    {"XADD", names.inStream(), "*", "event", "{}"},
                    {"XADD", names.stateInStream(), "*", "event", "{}"},
                    {"XADD", names.inStream("other"), "*", "event", "{}"},
                    {"PUBLISH", names.in(), "{}"},
                    {"SUBSCRIBE", names.in()},
                    {"SUBSCRIBE", names.agent("other")},
                    {"XREAD", "STREAMS", names.agentStream("other"), "0"},
                    {"XRANGE", names.inStream(agent), "-", "+"}}) {
                assertThatThrownBy(() -> asAgent.call(refused)).as(String.join(" ", refused)).hasMessageContaining(NOPERM);
            }
        }
    }
}
