package dev.workflowchat.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.workflowchat.protocol.RedisNames;
import dev.workflowchat.protocol.event.EventTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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

    private static final Path ACL_SCRIPT = Path.of("..", "k8s", "base", "redis", "acl-users.sh");
    private static final String NOPERM = "NOPERM";
    private static final Duration WAIT = Duration.ofSeconds(5);

    @Test
    void anAgentLoggedInAsItsOwnUserSpeaksAndHearsOnItsOwnWaysOnly() throws Exception {
        try (RawRedis admin = RawRedis.connect(SharedRedis.uri())) {
            assumeThat(String.valueOf(admin.call("INFO", "server"))).as("ACL key selectors need Redis 7")
                    .containsPattern("redis_version:([7-9]|[1-9][0-9])\\.");
            String agent = SharedRedis.agent("acl");
            String password = newPassword();
            String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
            List<String> created = new ArrayList<>();
            try {
                for (String line : aclLines(SharedRedis.prefix(), agent + "=" + password)) {
                    String[] words = line.split(" ");
                    if (words[1].equals("default")) {
                        continue; // switching the default user off would lock every other test out
                    }
                    List<String> setUser = new ArrayList<>(List.of("ACL", "SETUSER", words[1] + suffix));
                    setUser.addAll(List.of(words).subList(2, words.length));
                    admin.call(setUser.toArray(String[]::new));
                    created.add(words[1] + suffix);
                }
                assertThat(created).contains("agent-" + agent + suffix);
                String uri = SharedRedis.uri().replaceFirst("redis://", "redis://agent-" + agent + suffix + ":" + password + "@");
                actAsTheAgent(new RedisNames(SharedRedis.prefix()), agent, uri, admin);
            } finally {
                for (String user : created) {
                    admin.call("ACL", "DELUSER", user);
                }
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
                assertThatThrownBy(() -> asAgent.call(refused))
                        .as(String.join(" ", refused)).hasMessageContaining(NOPERM);
            }
        }
    }

    /** The ACL file lines the deployment's script prints for this prefix and agent. */
    private static List<String> aclLines(String prefix, String agentPasswords) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("sh", ACL_SCRIPT.toString()).redirectErrorStream(false);
        Map<String, String> env = script.environment();
        env.keySet().removeIf(name -> name.startsWith("WFCHAT_"));
        env.putAll(new HashMap<>(Map.of(
                "WFCHAT_REDIS_PREFIX", prefix,
                "WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", newPassword(),
                "WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER", newPassword(),
                "WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", newPassword(),
                "WFCHAT_REDIS_AGENT_PASSWORDS", agentPasswords)));
        Process process = script.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        assertThat(Files.exists(ACL_SCRIPT)).isTrue();
        return out.lines().filter(line -> line.startsWith("user ")).toList();
    }

    private static String newPassword() {
        return "pw" + UUID.randomUUID().toString().replace("-", "");
    }
}
