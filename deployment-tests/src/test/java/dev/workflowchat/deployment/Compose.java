package dev.workflowchat.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** docker-compose.yml, read as compose reads it (anchors and merge keys resolved), and its checks. */
final class Compose {

    /** ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message}; $$ is a literal $. */
    static final Pattern SUBSTITUTION = Pattern.compile("(?<!\\$)\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");

    final JsonNode root;

    Compose(JsonNode root) {
        this.root = root;
    }

    static Compose load() {
        return new Compose(Repo.yamlDocument(Repo.path("docker-compose.yml")));
    }

    JsonNode service(String name) {
        return root.path("services").path(name);
    }

    /** A service's environment as a map, from either compose form (map or KEY=value list). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : null);
            });
        }
        return env;
    }

    /** A value as compose would give it when .env sets nothing: each ${VAR:-default} is its default. */
    static String withDefaults(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = SUBSTITUTION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) != null && m.group(2).endsWith("-") ? m.group(3) : "";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every variable the file substitutes. */
    Set<String> substitutedVariables() {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SUBSTITUTION.matcher(Repo.JSON.valueToTree(root).toString());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The HTTP port a healthcheck's test probes, and its path, if it is the /dev/tcp probe or curl/wget. */
    static String healthcheck(JsonNode service) {
        JsonNode test = service.path("healthcheck").path("test");
        if (test.isArray()) {
            List<String> parts = new ArrayList<>();
            test.forEach(p -> parts.add(p.asText()));
            return String.join(" ", parts);
        }
        return test.asText();
    }

    /** What is wrong with the compose file as the deployment of these services. */
    List<String> problems(Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        JsonNode all = root.path("services");
        Set<String> volumes = new LinkedHashSet<>();
        root.path("volumes").fieldNames().forEachRemaining(volumes::add);

        JsonNode postgres = service("postgres");
        if (!postgres.path("image").asText().matches("postgres:16([.-].*)?")) {
            problems.add("postgres: image is not PostgreSQL 16: " + postgres.path("image").asText());
        }
        if (!healthcheck(postgres).contains("pg_isready")) {
            problems.add("postgres: no pg_isready healthcheck");
        }
        JsonNode redis = service("redis");
        if (!redis.path("image").asText().matches("redis:7([.-].*)?")) {
            problems.add("redis: image is not Redis 7: " + redis.path("image").asText());
        }
        if (!redis.path("command").toString().matches("(?s).*\"--appendonly\",\\s*\"yes\".*")) {
            problems.add("redis: AOF is not on (--appendonly yes)");
        }
        if (!healthcheck(redis).contains("redis-cli ping")) {
            problems.add("redis: no redis-cli ping healthcheck");
        }
        for (String datastore : List.of("postgres", "redis")) {
            boolean namedVolume = false;
            for (JsonNode mount : service(datastore).path("volumes")) {
                String source = mount.isTextual() ? mount.asText().split(":")[0] : mount.path("source").asText();
                namedVolume |= volumes.contains(source);
            }
            if (!namedVolume) {
                problems.add(datastore + ": its data is not on a named volume");
            }
        }

        for (Map.Entry<String, ServiceConfig> entry : services.entrySet()) {
            String name = entry.getKey();
            ServiceConfig config = entry.getValue();
            JsonNode service = service(name);
            if (service.isMissingNode()) {
                problems.add(name + ": not in docker-compose.yml");
                continue;
            }
            JsonNode build = service.path("build");
            if (!build.path("context").asText().replaceFirst("^\\./", "").equals(name)
                    || !build.path("dockerfile").asText().equals("src/main/docker/Dockerfile.jvm")) {
                problems.add(name + ": not built from " + name + "/src/main/docker/Dockerfile.jvm with the module as context: " + build);
            }
            if (!service.path("image").asText().startsWith("workflow-chat/" + name + ":")) {
                problems.add(name + ": image is not workflow-chat/" + name + ":<tag>");
            }
            Map<String, String> env = environment(service);
            problems.addAll(config.unknownVariables(env.keySet(), "docker-compose.yml " + name));
            String port = env.containsKey("QUARKUS_HTTP_PORT") ? withDefaults(env.get("QUARKUS_HTTP_PORT")) : String.valueOf(config.httpPort);
            String probe = healthcheck(service);
            if (!probe.contains("/q/health/ready") || !probe.matches("(?s).*(/dev/tcp/[^/]+/|localhost:|127\\.0\\.0\\.1:)" + port + "\\b.*")) {
                problems.add(name + ": healthcheck does not probe /q/health/ready on port " + port + ": " + probe);
            }
            // Addresses of other services must name a compose service and the port it listens on.
            for (Map.Entry<String, String> variable : env.entrySet()) {
                if (variable.getKey().matches(".*_(URL|HOSTS)") && variable.getValue() != null) {
                    problems.addAll(addressProblems(name, variable.getKey(), withDefaults(variable.getValue()), all, services));
                }
            }
        }
        all.fields().forEachRemaining(service -> service.getValue().path("depends_on").fields().forEachRemaining(dependency -> {
            if (!dependency.getValue().path("condition").asText().equals("service_healthy")) {
                problems.add(service.getKey() + ": depends on " + dependency.getKey() + " without condition: service_healthy");
            }
            if (all.path(dependency.getKey()).path("healthcheck").isMissingNode()) {
                problems.add(service.getKey() + ": depends on " + dependency.getKey() + ", which has no healthcheck");
            }
        }));
        if (service("chat-service").path("depends_on").path("postgres").isMissingNode()
                || service("chat-service").path("depends_on").path("redis").isMissingNode()) {
            problems.add("chat-service: does not wait for postgres and redis");
        }
        if (!service("discord-bridge").path("profiles").toString().contains("\"discord\"")) {
            problems.add("discord-bridge: not under the discord profile");
        }
        all.fields().forEachRemaining(service -> {
            if (!service.getKey().equals("discord-bridge") && service.getValue().has("profiles")) {
                problems.add(service.getKey() + ": has a profile, so `docker compose up` would not start it");
            }
        });
        boolean chatOn8080 = false;
        for (JsonNode published : service("chat-service").path("ports")) {
            chatOn8080 |= withDefaults(published.asText()).matches("(.*:)?8080:" + services.get("chat-service").httpPort);
        }
        if (!chatOn8080) {
            problems.add("chat-service: not published on localhost:8080");
        }
        return problems;
    }

    private static List<String> addressProblems(String service, String variable, String value, JsonNode all,
                                                Map<String, ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        if (value.isBlank() || value.contains("localhost") || value.contains("127.0.0.1")) {
            return problems; // links people open from their browser (WFCHAT_CHAT_PUBLIC_URL)
        }
        URI uri = URI.create(value.replaceFirst("^jdbc:", ""));
        String host = uri.getHost();
        int port = uri.getPort();
        if (!all.has(host)) {
            problems.add(service + ": " + variable + " names host " + host + ", which is not a compose service");
        } else if (services.containsKey(host) && port != services.get(host).httpPort) {
            problems.add(service + ": " + variable + " uses port " + port + ", but " + host + " listens on " + services.get(host).httpPort);
        } else if (host.equals("postgres") && port != 5432 || host.equals("redis") && port != 6379) {
            problems.add(service + ": " + variable + " uses port " + port + " for " + host);
        }
        return problems;
    }
}
