package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
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
    void envExampleHoldsPlaceholdersOnlyAndEnvIsIgnored() {
        envExample().forEach((name, value) -> {
            if (name.matches(".*(PASSWORD|TOKEN|SECRET).*")) {
                assertThat(value).as(name).matches("|change-me.*|CHANGE_ME.*");
            }
        });
        assertThat(Repo.read(Repo.path(".gitignore")).lines().map(String::strip)).contains(".env");
    }

    @Test
    void requiredSecretsFailLoudlyWhenUnset() {
        // The database password has no default: without .env, compose stops with a message, not with
        // a database nobody can log in to.
        var env = Compose.environment(Compose.load().service("postgres"));
        assertThat(env.get("POSTGRES_PASSWORD")).startsWith("${POSTGRES_PASSWORD:?");
        assertThat(Compose.environment(Compose.load().service("chat-service")).get("QUARKUS_DATASOURCE_PASSWORD"))
                .startsWith("${POSTGRES_PASSWORD:?");
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
    void substitutionsAreFound() {
        JsonNode node = Repo.JSON.getNodeFactory().textNode("${A:-x} ${B:?m} $${NOT} ${C}");
        assertThat(new Compose(Repo.JSON.createObjectNode().set("v", node)).substitutedVariables()).containsExactly("A", "B", "C");
        assertThat(Compose.withDefaults("${A:-redis://redis:6379}/${B:?must}")).isEqualTo("redis://redis:6379/");
    }
}
