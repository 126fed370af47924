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
import dev.workflowchat.infra.OperationsDoc;
import dev.workflowchat.infra.TestRun;
import dev.workflowchat.protocol.RedisNames;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Redis ACLs docs/operations.md recommends, read from the document and applied to the real
 * Redis under this run's prefix: a chat-service works under its user, and an agent's user does
 * what an agent does (say things, ask, hear its own decisions) and nothing else.
 */
class RedisAclIT {

    private static final String NOPERM = "NOPERM";

    @Test
    void theDocumentedAclsLetTheServiceWorkAndHoldAnAgentToItsOwn() throws Exception {
        try (TestRun run = TestRun.start(); RedisClient admin = new RedisClient(run.redis().uri())) {
            assumeThat(admin.command("INFO", "server").toString()).as("ACL key selectors need Redis 7")
                    .containsPattern("redis_version:([7-9]|[1-9][0-9])\\.");
            String prefix = run.redisPrefix();
            Map<String, String> passwords = new HashMap<>();
            List<String> created = new ArrayList<>();
            try {
                for (String line : documentedAclLines()) {
                    String[] words = line.split(" ");
                    String user = prefix + "-" + words[2];
                    String password = "pw-" + UUID.randomUUID();
                    List<String> command = new ArrayList<>(List.of("ACL", "SETUSER", user));
                    for (int i = 3; i < words.length; i++) {
                        command.add(words[i].replace("wfchat:", prefix + ":").replace(">CHANGE-ME", ">" + password));
                    }
                    admin.command(command.toArray(String[]::new));
                    created.add(user);
                    passwords.put(words[2], password);
                }
                assertThat(passwords).containsKeys("chat-service", "state-broadcaster", "discord-bridge", "agent-code");
                String host = run.redis().host() + ":" + run.redis().port();
                String serviceUri = "redis://" + prefix + "-chat-service:" + passwords.get("chat-service") + "@" + host;
                String agentUri = "redis://" + prefix + "-agent-code:" + passwords.get("agent-code") + "@" + host;

                try (ChatServiceProcess service = ChatServiceProcess.start("acl", run, run.redis(),
                        Map.of("QUARKUS_REDIS_HOSTS", serviceUri));
                     RedisClient agent = new RedisClient(agentUri)) {
                    actAsAnAgent(new RedisNames(prefix), Accounts.on(service.base()), agent);
                }
            } finally {
                for (String user : created) {
                    admin.command("ACL", "DELUSER", user);
                }
            }
        }
    }

    private static void actAsAnAgent(RedisNames names, Accounts accounts, RedisClient agent) {
        String person = accounts.newApprover("acl").token();
        agent.publish(names.in(), Agent.message(Agent.newId(), "code", "general", "said on pub/sub"));
        agent.xadd(names.inStream(), Agent.message(Agent.newId(), "code", "general", "said on the stream"));
        await().atMost(ChatClient.WAIT).until(() -> History.contents(accounts, person, "general")
                .containsAll(List.of("said on pub/sub", "said on the stream")));

        // it asks, a person decides, and it hears the decision on its own stream
        String approval = Agent.newId();
        agent.xadd(names.inStream(), Agent.approvalRequest(approval, "code", "code_change", "ACL", "{}", 600));
        await().atMost(ChatClient.WAIT).until(() -> accounts.request().auth().oauth2(person)
                .get("/api/approvals/" + approval).statusCode() == 200);
        accounts.request().auth().oauth2(person).contentType(ContentType.JSON).body(Map.of("action", "approve"))
                .post("/api/approvals/" + approval + "/decision").then().statusCode(200);
        await().atMost(ChatClient.WAIT).until(() -> agent.command("XREAD", "COUNT", "100", "STREAMS",
                names.agentStream("code"), "0").toString().contains(approval));

        // and nothing more
        assertRefused(() -> agent.xrange(names.inStream()));
        assertRefused(() -> agent.command("XREAD", "STREAMS", names.agentStream("design"), "0"));
        assertRefused(() -> agent.xadd(names.agentStream("code"), "{}"));
        assertRefused(() -> agent.xadd(names.outStream(), "{}"));
        assertRefused(() -> agent.publish(names.out(), "{}"));
        assertRefused(() -> agent.xrange(names.outStream()));
        assertRefused(() -> agent.xadd(names.deadletter(), "{}"));
        assertRefused(() -> agent.xadd(names.bridgeInStream(), "{}")); // it can't speak for Discord people
        assertRefused(() -> agent.publish(names.stateCommands(), "{}")); // nor run a person's workflow command
        assertRefused(() -> agent.command("GET", names.stateSnapshot("default")));
    }

    private static void assertRefused(Runnable command) {
        assertThatThrownBy(command::run).hasMessageContaining(NOPERM);
    }

    /** The {@code ACL SETUSER} lines of the Redis trust boundary, but {@code default off}. */
    private static List<String> documentedAclLines() throws Exception {
        return Files.readAllLines(OperationsDoc.PATH).stream()
                .map(String::strip)
                .filter(line -> line.startsWith("ACL SETUSER ") && !line.startsWith("ACL SETUSER default "))
                .toList();
    }
}
