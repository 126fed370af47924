package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docker-compose.yml, .env.example and .gitignore. */
class ComposeTest {

    static Map<String, ServiceConfig> services;

    @BeforeAll
    static void readServices() {
        services = new LinkedHashMap<>();
        Repo.SERVICES.forEach(s -> services.put(s, ServiceConfig.of(s)));
    }

    @Test
    void composeFileIsSound() {
        assertThat(Compose.load().problems(services)).isEmpty();
    }

    @Test
    void everySubstitutedVariableIsInEnvExample() {
        Map<String, String> example = envExample();
        assertThat(example.keySet()).containsAll(Compose.load().substitutedVariables());
        // And nothing in .env.example that compose doesn't use (a renamed variable left behind).
        assertThat(Compose.load().substitutedVariables()).containsAll(example.keySet());
    }

    @Test
    void envExampleHoldsNoSecretAndTheGeneratedFilesAreIgnored() {
        // deploy/generate-secrets.sh fills these in; a value here would be a password in git.
        envExample().forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                assertThat(value).as(name).isEmpty();
            }
        });
        assertThat(Repo.read(Repo.path(".env.example"))).doesNotMatch(KubernetesChecks.PLACEHOLDER);
        assertThat(Repo.read(Repo.path(".gitignore")).lines().map(String::strip))
                .contains(".env", "/k8s/base/secrets.env", "/k8s/overlays/*/secrets.env");
    }

    @Test
    void requiredSecretsFailLoudlyWhenUnset() {
        // No password has a default: without .env, compose stops with a message (run the script), not
        // with a database or a Redis nobody can log in to. Only the agents' list may be empty, and the
        // bridge's own account is optional.
        Compose compose = Compose.load();
        for (String service : List.of("postgres", "redis", "chat-service", "state-broadcaster", "discord-bridge")) {
            Compose.environment(compose.service(service)).forEach((name, value) -> {
                var m = Compose.SUBSTITUTION.matcher(value == null ? "" : value);
                while (m.find()) {
                    if (m.group(1).contains("PASSWORD") && !m.group(1).equals("WFCHAT_REDIS_AGENT_PASSWORDS")
                            && !m.group(1).equals("WFCHAT_BRIDGE_PASSWORD")) {
                        assertThat(m.group(2)).as(service + " " + name).isEqualTo(":?");
                        assertThat(m.group(3)).as(service + " " + name).contains("deploy/generate-secrets.sh");
                    }
                }
            });
        }
    }

    @Test
    void eachServiceLogsInToRedisAsAUserTheScriptMakes() {
        // The whole way: the generated .env, substituted into the redis service's environment, run
        // through acl-users.sh as the container runs it; each service's URL finds its user there.
        Map<String, String> dotEnv = Installation.dotEnv();
        Compose compose = Compose.load();
        Map<String, String> redisEnv = new LinkedHashMap<>();
        Compose.environment(compose.service("redis")).forEach((k, v) -> redisEnv.put(k, Compose.substitute(v, dotEnv)));
        Scripts.Result acl = Scripts.aclUsers(redisEnv);
        assertThat(acl.exitCode()).as(acl.stderr()).isZero();
        Map<String, List<String>> users = Scripts.users(acl.stdout());
        for (String service : Repo.SERVICES) {
            String url = Compose.substitute(Compose.environment(compose.service(service)).get("QUARKUS_REDIS_HOSTS"), dotEnv);
            String[] login = KubernetesChecks.userInfo(url);
            assertThat(login[0]).isEqualTo(service);
            assertThat(users.get(service)).as(service).contains("on", ">" + login[1]);
        }
        assertThat(users.get("operator")).contains(">" + dotEnv.get("WFCHAT_REDIS_PASSWORD_OPERATOR"));
        assertThat(users).containsEntry("default", List.of("off"));
    }

    @Test
    void eachServiceWithADatabaseLogsInAsItsOwnRoleWithThePasswordPostgresMadeItWith() {
        // The generated .env, substituted: each service's database password is the one the postgres
        // container hands init-roles.sh for that service's role, and no two services share one.
        Map<String, String> dotEnv = Installation.dotEnv();
        Compose compose = Compose.load();
        Map<String, String> postgres = Compose.environment(compose.service("postgres"));
        Map<String, String> logins = new LinkedHashMap<>();
        for (String service : Repo.DATABASE_CLIENTS) {
            Map<String, String> env = Compose.environment(compose.service(service));
            String password = Compose.substitute(env.get("QUARKUS_DATASOURCE_PASSWORD"), dotEnv);
            String variable = "WFCHAT_DB_PASSWORD_" + service.toUpperCase().replace('-', '_');
            assertThat(password).as(service).isEqualTo(Compose.substitute(postgres.get(variable), dotEnv)).hasSize(32);
            assertThat(env).as(service).containsEntry("QUARKUS_DATASOURCE_USERNAME", Scripts.databaseRole(service))
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgres:5432/wfchat");
            logins.put(env.get("QUARKUS_DATASOURCE_USERNAME"), password);
        }
        assertThat(logins).containsOnlyKeys("chat_service", "state_broadcaster");
        assertThat(logins.values()).doesNotHaveDuplicates().doesNotContain(dotEnv.get("POSTGRES_PASSWORD"));
        assertThat(compose.service("state-broadcaster").path("depends_on").path("postgres").path("condition").asText())
                .isEqualTo("service_healthy");
        // The bridge has no database.
        assertThat(Compose.environment(compose.service("discord-bridge")).keySet()).noneMatch(k -> k.startsWith("QUARKUS_DATASOURCE"));
    }

    private static Map<String, String> envExample() {
        return Repo.read(Repo.path(".env.example")).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(l -> l.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "", (a, b) -> b, LinkedHashMap::new));
    }

    // The checker itself, on the real file with one fault put in each time.

    private static Compose broken(java.util.function.Consumer<ObjectNode> fault) {
        ObjectNode copy = Compose.load().root.deepCopy();
        fault.accept(copy);
        return new Compose(copy);
    }

    private static ObjectNode service(ObjectNode root, String name) {
        return (ObjectNode) root.path("services").path(name);
    }

    @Test
    void aMisspeltVariableIsCaught() {
        Compose compose = broken(root -> {
            ObjectNode env = (ObjectNode) service(root, "chat-service").path("environment");
            env.set("WFCHAT_REDIS_PREFX", env.remove("WFCHAT_REDIS_PREFIX"));
        });
        assertThat(compose.problems(services)).singleElement().asString()
                .contains("WFCHAT_REDIS_PREFX", "nearest: WFCHAT_REDIS_PREFIX");
    }

    @Test
    void anotherServicesVariableIsCaught() {
        Compose compose = broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("environment"))
                .put("QUARKUS_DATASOURCE_PASSWORD", "x"));
        assertThat(compose.problems(services)).anyMatch(p -> p.contains("state-broadcaster") && p.contains("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @Test
    void aWrongHealthcheckOrDependencyIsCaught() {
        assertThat(broken(root -> ((ArrayNode) service(root, "state-broadcaster").path("healthcheck").path("test"))
                .set(3, Repo.JSON.getNodeFactory().textNode("exec 3<>/dev/tcp/127.0.0.1/8080; echo /q/health/ready")))
                .problems(services)).anyMatch(p -> p.contains("state-broadcaster: healthcheck"));
        assertThat(broken(root -> ((ObjectNode) service(root, "chat-service").path("depends_on").path("redis"))
                .put("condition", "service_started")).problems(services))
                .anyMatch(p -> p.contains("without condition: service_healthy"));
        assertThat(broken(root -> service(root, "redis").remove("healthcheck")).problems(services))
                .anyMatch(p -> p.contains("redis, which has no healthcheck"));
    }

    @Test
    void wrongAddressesPortsAndProfilesAreCaught() {
        assertThat(broken(root -> ((ObjectNode) service(root, "discord-bridge").path("environment"))
                .put("WFCHAT_CHAT_URL", "http://chat-service:8081")).problems(services))
                .anyMatch(p -> p.contains("WFCHAT_CHAT_URL uses port 8081"));
        assertThat(broken(root -> ((ObjectNode) service(root, "chat-service").path("environment"))
                .put("QUARKUS_REDIS_HOSTS", "redis://cache:6379")).problems(services))
                .anyMatch(p -> p.contains("not a compose service"));
        assertThat(broken(root -> service(root, "discord-bridge").remove("profiles")).problems(services))
                .anyMatch(p -> p.contains("not under the discord profile"));
        assertThat(broken(root -> service(root, "redis").putArray("command").add("redis-server")).problems(services))
                .anyMatch(p -> p.contains("AOF"));
        assertThat(broken(root -> service(root, "chat-service").putObject("build").put("context", "./chat-service")
                .put("dockerfile", "Dockerfile")).problems(services)).anyMatch(p -> p.contains("not built from"));
    }

    @Test
    void redisAndDatabaseAccessFaultsAreCaught() {
        assertThat(broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("environment"))
                .put("QUARKUS_REDIS_HOSTS", "redis://chat-service:${WFCHAT_REDIS_PASSWORD_CHAT_SERVICE:?x}@redis:6379")).problems(services))
                .anyMatch(p -> p.contains("state-broadcaster: QUARKUS_REDIS_HOSTS does not log in as its own ACL user"));
        assertThat(broken(root -> ((ObjectNode) service(root, "chat-service").path("environment"))
                .put("QUARKUS_REDIS_HOSTS", "redis://redis:6379")).problems(services))
                .anyMatch(p -> p.contains("chat-service: QUARKUS_REDIS_HOSTS does not log in"));
        assertThat(broken(root -> ((ObjectNode) service(root, "redis").path("environment")).remove("WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE"))
                .problems(services)).anyMatch(p -> p.contains("does not give acl-users.sh WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE"));
        assertThat(broken(root -> service(root, "redis").putArray("command").add("redis-server").add("--appendonly").add("yes"))
                .problems(services)).anyMatch(p -> p.contains("redis: does not write its ACL file"));
        assertThat(broken(root -> ((ArrayNode) service(root, "redis").path("volumes")).remove(1)).problems(services))
                .anyMatch(p -> p.contains("acl-users.sh is not ./k8s/base/redis/acl-users.sh mounted"));
        assertThat(broken(root -> ((ObjectNode) service(root, "redis").path("healthcheck")).putArray("test").add("CMD-SHELL")
                .add("redis-cli ping | grep -q PONG")).problems(services)).anyMatch(p -> p.contains("healthcheck does not log in"));
        assertThat(broken(root -> ((ArrayNode) service(root, "redis").path("ports")).set(0, "6379:6379")).problems(services))
                .anyMatch(p -> p.contains("published beyond the loopback"));
        assertThat(broken(root -> ((ObjectNode) service(root, "chat-service").path("environment")).put("QUARKUS_DATASOURCE_USERNAME", "postgres"))
                .problems(services)).anyMatch(p -> p.contains("not as its own role chat_service"));
        assertThat(broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("environment"))
                .put("QUARKUS_DATASOURCE_USERNAME", "chat_service")).problems(services))
                .anyMatch(p -> p.contains("state-broadcaster: logs in to PostgreSQL as chat_service, not as its own role state_broadcaster"));
        assertThat(broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("environment"))
                .put("QUARKUS_DATASOURCE_PASSWORD", "${WFCHAT_DB_PASSWORD_CHAT_SERVICE:?run deploy/generate-secrets.sh}")).problems(services))
                .anyMatch(p -> p.contains("state-broadcaster: QUARKUS_DATASOURCE_PASSWORD is not the WFCHAT_DB_PASSWORD_STATE_BROADCASTER"));
        assertThat(broken(root -> ((ObjectNode) service(root, "postgres").path("environment")).remove("WFCHAT_DB_PASSWORD_STATE_BROADCASTER"))
                .problems(services)).anyMatch(p -> p.contains("state-broadcaster: QUARKUS_DATASOURCE_PASSWORD is not the"));
        assertThat(broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("environment"))
                .put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgres:5432/workflow")).problems(services))
                .anyMatch(p -> p.contains("state-broadcaster: QUARKUS_DATASOURCE_REACTIVE_URL is not the wfchat database"));
        assertThat(broken(root -> ((ObjectNode) service(root, "state-broadcaster").path("depends_on")).remove("postgres")).problems(services))
                .anyMatch(p -> p.contains("state-broadcaster: does not wait for postgres and redis"));
        assertThat(broken(root -> ((ArrayNode) service(root, "postgres").path("volumes")).remove(1)).problems(services))
                .anyMatch(p -> p.contains("init-roles.sh is not mounted"));
        assertThat(broken(root -> ((ArrayNode) service(root, "chat-service").path("ports")).add("9000:9000")).problems(services))
                .anyMatch(p -> p.contains("publishes its management port 9000"));
    }

    @Test
    void substitutionsAreFound() {
        JsonNode node = Repo.JSON.getNodeFactory().textNode("${A:-x} ${B:?m} $${NOT} ${C}");
        assertThat(new Compose(Repo.JSON.createObjectNode().set("v", node)).substitutedVariables()).containsExactly("A", "B", "C");
        assertThat(Compose.withDefaults("${A:-redis://redis:6379}/${B:?must}")).isEqualTo("redis://redis:6379/");
        assertThat(Compose.substitute("redis://u:${P:?run it}@redis:${PORT:-6379}/$${X}", Map.of("P", "pw")))
                .isEqualTo("redis://u:pw@redis:6379/${X}");
        assertThatThrownBy(() -> Compose.substitute("${P:?run it}", Map.of()))
                .hasMessageContaining("P is required: run it");
    }
}
