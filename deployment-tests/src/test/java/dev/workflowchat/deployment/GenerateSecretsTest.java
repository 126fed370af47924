package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/generate-secrets.sh, run in a fresh copy of the deployment files as an operator runs it. */
class GenerateSecretsTest {

    @TempDir
    Path checkout;

    @BeforeEach
    void freshCheckout() {
        assumeTrue(Scripts.onPath("bash"), "bash is not installed");
        Installation.copyDeploymentFiles(checkout);
    }

    private Scripts.Result generate(String... options) {
        String[] command = new String[options.length + 2];
        command[0] = "bash";
        command[1] = Scripts.GENERATE_SECRETS;
        System.arraycopy(options, 0, command, 2, options.length);
        return Scripts.run(checkout, Map.of(), command);
    }

    private Map<String, String> dotEnv() {
        return Scripts.envFile(Repo.read(checkout.resolve(".env")));
    }

    private Map<String, String> k8sSecrets() {
        return Scripts.envFile(Repo.read(checkout.resolve("k8s/base/secrets.env")));
    }

    private void setInEnv(String key, String value) throws IOException {
        Path env = checkout.resolve(".env");
        Files.writeString(env, Repo.read(env).replaceAll("(?m)^" + key + "=.*$", key + "=" + value));
    }

    @Test
    void writesEveryPasswordFreshLongAndForItsOwnerOnly() throws IOException {
        Scripts.Result result = generate();
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        Map<String, String> env = dotEnv();
        assertThat(env.keySet()).containsExactlyElementsOf(Scripts.envFile(Repo.read(Repo.path(".env.example"))).keySet());
        Set<String> passwords = new HashSet<>();
        var keys = env.keySet().stream().filter(k -> k.contains("PASSWORD") && !k.equals("WFCHAT_REDIS_AGENT_PASSWORDS")).toList();
        keys.forEach(key -> {
            assertThat(env.get(key)).as(key).matches("[A-Za-z0-9]{32}");
            passwords.add(env.get(key));
        });
        // Each its own: one leaked credential opens one door.
        assertThat(passwords).hasSize(keys.size()).hasSizeGreaterThanOrEqualTo(8);
        assertThat(env).containsEntry("WFCHAT_REDIS_PREFIX", "wfchat").containsEntry("DISCORD_TOKEN", "");
        for (String file : new String[] {".env", "k8s/base/secrets.env"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(checkout.resolve(file)))).as(file).isEqualTo("rw-------");
        }
        try (var files = Files.list(checkout)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith(".env.") && !n.equals(".env.example"));
        }
    }

    @Test
    void theKubernetesSecretsAreTheSameValuesWithEachServicesRedisUrl() {
        generate();
        Map<String, String> env = dotEnv();
        Map<String, String> k8s = k8sSecrets();
        assertThat(k8s).containsEntry("database-username", Scripts.chatServiceRole())
                .containsEntry("database-password", env.get("WFCHAT_DB_PASSWORD_CHAT_SERVICE"))
                .containsEntry("database-username-state-broadcaster", Scripts.stateBroadcasterRole())
                .containsEntry("database-password-state-broadcaster", env.get("WFCHAT_DB_PASSWORD_STATE_BROADCASTER"))
                .containsEntry("postgres-password", env.get("POSTGRES_PASSWORD"))
                .containsEntry("admin-password", env.get("WFCHAT_ADMIN_PASSWORD"))
                .containsEntry("redis-password-operator", env.get("WFCHAT_REDIS_PASSWORD_OPERATOR"));
        for (String service : Repo.SERVICES) {
            String password = env.get("WFCHAT_REDIS_PASSWORD_" + service.toUpperCase().replace('-', '_'));
            assertThat(k8s).containsEntry("redis-password-" + service, password)
                    .containsEntry("redis-hosts-" + service, "redis://" + service + ":" + password + "@redis:6379");
        }
    }

    @Test
    void runningAgainKeepsValuesAndGivesNewAgentsAPassword() throws IOException {
        generate();
        Map<String, String> first = dotEnv();
        setInEnv("WFCHAT_REDIS_AGENT_PASSWORDS", "code, qa=myOwnQaPassword1");
        setInEnv("CHAT_HTTP_PORT", "9999");
        Files.writeString(checkout.resolve(".env"), "MY_OWN_SETTING=1\n", StandardOpenOption.APPEND);

        Scripts.Result again = generate();
        assertThat(again.exitCode()).as(again.stderr()).isZero();
        Map<String, String> second = dotEnv();
        assertThat(second.get("WFCHAT_ADMIN_PASSWORD")).isEqualTo(first.get("WFCHAT_ADMIN_PASSWORD"));
        assertThat(second.get("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE")).isEqualTo(first.get("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE"));
        assertThat(second.get("WFCHAT_REDIS_AGENT_PASSWORDS")).matches("code=[A-Za-z0-9]{32},qa=myOwnQaPassword1");
        assertThat(second).containsEntry("CHAT_HTTP_PORT", "9999").containsEntry("MY_OWN_SETTING", "1");
        assertThat(k8sSecrets()).containsEntry("redis-agent-passwords", second.get("WFCHAT_REDIS_AGENT_PASSWORDS"));
        // The list is what acl-users.sh takes: it makes agent-code and agent-qa from it.
        Scripts.Result users = Scripts.aclUsers(second);
        assertThat(Scripts.users(users.stdout())).containsKeys("agent-code", "agent-qa");
    }

    @Test
    void placeholdersAreReplacedAndForceReplacesEverything() throws IOException {
        generate();
        setInEnv("WFCHAT_ADMIN_PASSWORD", "CHANGE_ME-admin-password");
        setInEnv("POSTGRES_PASSWORD", "short");
        Scripts.Result result = generate();
        assertThat(result.stderr()).contains("WFCHAT_ADMIN_PASSWORD was a placeholder", "POSTGRES_PASSWORD was a placeholder");
        assertThat(dotEnv().get("WFCHAT_ADMIN_PASSWORD")).matches("[A-Za-z0-9]{32}");
        assertThat(dotEnv().get("POSTGRES_PASSWORD")).matches("[A-Za-z0-9]{32}");

        Map<String, String> before = dotEnv();
        assertThat(generate("--force").stderr()).contains("--force");
        before.forEach((key, value) -> {
            if (key.contains("PASSWORD") && !value.isEmpty()) {
                assertThat(dotEnv().get(key)).as(key).isNotEqualTo(value);
            }
        });
    }

    @Test
    void aBadAgentNameChangesNothing() throws IOException {
        generate();
        setInEnv("WFCHAT_REDIS_AGENT_PASSWORDS", "Code");
        String env = Repo.read(checkout.resolve(".env"));
        Scripts.Result result = generate();
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.stderr()).contains("agent name 'Code'");
        assertThat(Repo.read(checkout.resolve(".env"))).isEqualTo(env);
        assertThat(generate("--nonsense").exitCode()).isEqualTo(2);
    }

    @Test
    void aLostEnvIsRebuiltFromTheKubernetesSecrets() throws IOException {
        // PostgreSQL and Redis keep the passwords they were installed with: losing .env must not change them.
        generate();
        Map<String, String> k8s = k8sSecrets();
        Files.delete(checkout.resolve(".env"));
        generate();
        assertThat(k8sSecrets()).isEqualTo(k8s);
        assertThat(dotEnv().get("WFCHAT_DB_PASSWORD_CHAT_SERVICE")).isEqualTo(k8s.get("database-password"));
        assertThat(dotEnv().get("WFCHAT_DB_PASSWORD_STATE_BROADCASTER")).isEqualTo(k8s.get("database-password-state-broadcaster"))
                .matches("[A-Za-z0-9]{32}");
    }
}
