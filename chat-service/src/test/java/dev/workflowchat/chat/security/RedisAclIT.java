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
import dev.workflowchat.chat.support.RedisClient;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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
    private static final Path SCRIPT = Path.of("..", "k8s", "base", "redis", "acl-users.sh");

    @Test
    void theShippedAclsLetTheServiceWorkAndHoldEachAgentToItsOwn() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient admin = new RedisClient(run.redis().uri())) {
            assumeThat(admin.command("INFO", "server").toString()).as("ACL key selectors need Redis 7")
                    .containsPattern("redis_version:([7-9]|[1-9][0-9])\\.");
            String prefix = run.redisPrefix();
            Map<String, String> passwords = Map.of("chat-service", password(), "state-broadcaster", password(),
                    "discord-bridge", password(), "agent-code", password(), "agent-design", password());
            List<String> created = new ArrayList<>();
            try {
                for (String line : shippedAclLines(prefix, passwords)) {
                    List<String> words = new ArrayList<>(Arrays.asList(line.split(" ")));
                    String user = prefix + "-" + words.get(1);
                    List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", user));
                    command.addAll(words.subList(2, words.size()));
                    admin.command(command.toArray(String[]::new));
                    created.add(user);
                }
                assertThat(created).hasSize(5);
                String host = run.redis().host() + ":" + run.redis().port();
                try (ChatServiceProcess service = ChatServiceProcess.start("acl", run, run.redis(),
                        Map.of("QUARKUS_REDIS_HOSTS", uri(prefix, "chat-service", passwords, host)));
                     RedisClient code = new RedisClient(uri(prefix, "agent-code", passwords, host));
                     RedisClient design = new RedisClient(uri(prefix, "agent-design", passwords, host))) {
                    actAsAgents(new RedisNames(prefix), Accounts.on(service.base()), code, design);
                    // a connection-less client can't SUBSCRIBE: ask Redis what it would answer the agent
                    RedisNames names = new RedisNames(prefix);
                    for (String channel : List.of(names.in(), names.in("design"), names.out())) {
                        assertThat(admin.command("ACL", "DRYRUN", prefix + "-agent-code", "SUBSCRIBE", channel).toString())
                                .as("SUBSCRIBE %s", channel).contains("no permissions");
                    }
                    assertThat(admin.command("ACL", "DRYRUN", prefix + "-agent-code", "SUBSCRIBE", names.in("code"))
                            .toString()).isEqualTo("OK");
                }
            } finally {
                for (String user : created) {
                    admin.command("ACL", "DELUSER", user);
                }
            }
        }
    }

    private static void actAsAgents(RedisNames names, Accounts accounts, RedisClient code, RedisClient design) {
        String person = accounts.newApprover("acl").token();
        code.publish(names.in("code"), Agent.message(Agent.newId(), "code", "general", "said on my own channel"));
        code.xadd(names.inStream("code"), Agent.message(Agent.newId(), "code", "general", "said on my own stream"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(accounts, person, "general")
                .containsAll(List.of("said on my own channel", "said on my own stream")));

        // it asks, a person decides, and it hears the decision on its own stream
        String approval = Agent.newId();
        code.xadd(names.inStream("code"), Agent.approvalRequest(approval, "code", "code_change", "ACL", "{}", 600));
        await().atMost(ChatClient.WAIT).until(() -> accounts.request().auth().oauth2(person)
                .get("/api/approvals/" + approval).statusCode() == 200);
        accounts.request().auth().oauth2(person).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/api/approvals/" + approval + "/decision").then().statusCode(200);
        await().atMost(ChatClient.WAIT).until(() -> code.command("XREAD", "COUNT", "100", "STREAMS",
                names.agentStream("code"), "0").toString().contains(approval));

        // what it does to its own stream is its own affair: design goes on
        code.command("XADD", names.inStream("code"), "MAXLEN", "0", "*", "event", "{}");
        design.xadd(names.inStream("design"), Agent.message(Agent.newId(), "design", "general", "design goes on"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(accounts, person, "general").contains("design goes on"));

        // and nothing more: the shared ways in, others' ways, what acts for people or the services
        assertRefused(() -> code.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", "x")));
        assertRefused(() -> code.publish(names.in(), Agent.message(Agent.newId(), "code", "general", "x")));
        assertRefused(() -> code.command("XADD", names.inStream(), "MAXLEN", "0", "*", "event", "{}"));
        assertRefused(() -> code.xadd(names.inStream("design"), Agent.message(Agent.newId(), "design", "general", "x")));
        assertRefused(() -> code.command("XADD", names.inStream("design"), "MAXLEN", "0", "*", "event", "{}"));
        assertRefused(() -> code.xrange(names.inStream("code")));
        assertRefused(() -> code.command("XREAD", "STREAMS", names.agentStream("design"), "0"));
        assertRefused(() -> code.xadd(names.agentStream("code"), "{}"));
        assertRefused(() -> code.xadd(names.bridgeInStream(), "{}")); // a bridge.command runs /approve as anyone
        assertRefused(() -> code.publish(names.out(), "{}")); // a forged message.created with seq 10^12
        assertRefused(() -> code.xadd(names.outStream(), "{}"));
        assertRefused(() -> code.xrange(names.outStream()));
        assertRefused(() -> code.xadd(names.deadletter(), "{}"));
        assertRefused(() -> code.publish(names.stateCommands(), "{}"));
        assertRefused(() -> code.xadd(names.stateInStream(), "{}"));
        assertRefused(() -> code.command("GET", names.stateSnapshot("default")));
    }

    private static void assertRefused(Runnable command) {
        assertThatThrownBy(command::run).hasMessageContaining(NOPERM);
    }

    /** The lines of the ACL file the shipped script writes for these passwords, but {@code user default off}. */
    private static List<String> shippedAclLines(String prefix, Map<String, String> passwords)
            throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("sh", SCRIPT.toString()).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> environment = script.environment();
        environment.put("WFCHAT_REDIS_PREFIX", prefix);
        environment.put("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", passwords.get("chat-service"));
        environment.put("WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER", passwords.get("state-broadcaster"));
        environment.put("WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", passwords.get("discord-bridge"));
        environment.put("WFCHAT_REDIS_AGENT_PASSWORDS", "code=" + passwords.get("agent-code")
                + ",design=" + passwords.get("agent-design"));
        Process process = script.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("the script's exit status").isZero();
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        assertThat(lines).last().isEqualTo("user default off");
        return lines.stream().filter(line -> !line.startsWith("user default ")).toList();
    }

    private static String uri(String prefix, String user, Map<String, String> passwords, String host) {
        return "redis://" + prefix + "-" + user + ":" + passwords.get(user) + "@" + host;
    }

    private static String password() {
        return "pw-" + UUID.randomUUID();
    }
}
