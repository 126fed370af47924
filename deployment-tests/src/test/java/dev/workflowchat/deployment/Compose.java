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

    /** A service's Redis URL as it must be: its own user, its own password variable, the redis service. */
    static final Pattern REDIS_URL = Pattern.compile("redis://([a-z-]+):\\$\\{([A-Z0-9_]+)(?::\\?[^}]*)?}@redis:6379");

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

    /** A value as compose gives it with these .env values; a required (:?) variable left empty is an error. */
    static String substitute(String value, Map<String, String> dotEnv) {
        Matcher m = SUBSTITUTION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String set = dotEnv.getOrDefault(m.group(1), "");
            String replacement = !set.isEmpty() || m.group(2) == null ? set : m.group(2).endsWith("-") ? m.group(3) : null;
            if (replacement == null) {
                throw new IllegalStateException(m.group(1) + " is required: " + m.group(3));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
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
        String command = command(redis);
        if (!command.contains("--appendonly yes")) {
            problems.add("redis: AOF is not on (--appendonly yes)");
        }
        problems.addAll(redisAclProblems(redis, command));
        problems.addAll(databaseRoleProblems(postgres));
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
            String port = env.containsKey("QUARKUS_MANAGEMENT_PORT") ? withDefaults(env.get("QUARKUS_MANAGEMENT_PORT")) : String.valueOf(config.managementPort);
            String probe = healthcheck(service);
            if (!probe.contains("/q/health/ready") || !probe.matches("(?s).*(/dev/tcp/[^/]+/|localhost:|127\\.0\\.0\\.1:)" + port + "\\b.*")) {
                problems.add(name + ": healthcheck does not probe /q/health/ready on the management port " + port + ": " + probe);
            }
            for (JsonNode published : service.path("ports")) {
                if (withDefaults(published.asText()).matches("(.*:)?" + port + "(/tcp)?")) {
                    problems.add(name + ": publishes its management port " + port + " (/q/*), which stays inside the deployment");
                }
            }
            Matcher url = REDIS_URL.matcher(env.getOrDefault("QUARKUS_REDIS_HOSTS", ""));
            String passwordVariable = "WFCHAT_REDIS_PASSWORD_" + name.toUpperCase().replace('-', '_');
            if (!url.matches() || !url.group(1).equals(name) || !url.group(2).equals(passwordVariable)) {
                problems.add(name + ": QUARKUS_REDIS_HOSTS does not log in as its own ACL user: want redis://" + name
                        + ":${" + passwordVariable + ":?…}@redis:6379, not " + env.get("QUARKUS_REDIS_HOSTS"));
            } else if (!passesVariable(redis, passwordVariable)) {
                problems.add("redis: does not give acl-users.sh " + passwordVariable + ", the password " + name + " logs in with");
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
        for (String client : Repo.DATABASE_CLIENTS) {
            if (service(client).path("depends_on").path("postgres").isMissingNode()
                    || service(client).path("depends_on").path("redis").isMissingNode()) {
                problems.add(client + ": does not wait for postgres and redis");
            }
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

    private static String command(JsonNode service) {
        JsonNode command = service.path("command");
        if (command.isArray()) {
            List<String> parts = new ArrayList<>();
            command.forEach(p -> parts.add(p.asText()));
            return String.join(" ", parts);
        }
        return command.asText();
    }

    /** Whether a service's environment sets that variable from the .env variable of the same name. */
    private static boolean passesVariable(JsonNode service, String variable) {
        String value = environment(service).get(variable);
        Matcher m = value == null ? null : SUBSTITUTION.matcher(value);
        return m != null && m.matches() && m.group(1).equals(variable);
    }

    /** Redis writes its ACL users with the one script, mounted from k8s/base, and its health check logs in. */
    private static List<String> redisAclProblems(JsonNode redis, String command) {
        List<String> problems = new ArrayList<>();
        Matcher start = KubernetesChecks.REDIS_START.matcher(command);
        if (!start.find()) {
            problems.add("redis: does not write its ACL file with acl-users.sh and start redis-server --aclfile on it: " + command);
        } else if (!mounts(redis, Scripts.ACL_USERS, start.group(1) + "/acl-users.sh")) {
            problems.add("redis: " + start.group(1) + "/acl-users.sh is not ./" + Scripts.ACL_USERS + " mounted read-only");
        }
        for (String variable : List.of("WFCHAT_REDIS_PREFIX", "WFCHAT_REDIS_AGENT_PASSWORDS", "WFCHAT_REDIS_PASSWORD_OPERATOR")) {
            if (!passesVariable(redis, variable)) {
                problems.add("redis: does not give acl-users.sh " + variable);
            }
        }
        String check = healthcheck(redis);
        if (!check.contains("redis-cli") || !check.contains("--user") || !check.contains("PONG")) {
            problems.add("redis: the healthcheck does not log in and want PONG (the default user is off): " + check);
        }
        for (JsonNode published : redis.path("ports")) {
            if (!published.asText().startsWith("127.0.0.1:")) {
                problems.add("redis: published beyond the loopback: " + published.asText());
            }
        }
        return problems;
    }

    /**
     * Each service with a database logs in to wfchat on the postgres service as the role init-roles.sh
     * creates for it, with the password the script was given for that role.
     */
    private List<String> databaseRoleProblems(JsonNode postgres) {
        List<String> problems = new ArrayList<>();
        if (!mounts(postgres, Scripts.INIT_ROLES, "/docker-entrypoint-initdb.d/")) {
            problems.add("postgres: ./" + Scripts.INIT_ROLES + " is not mounted into /docker-entrypoint-initdb.d");
        }
        for (String client : Repo.DATABASE_CLIENTS) {
            Map<String, String> env = environment(service(client));
            String role = Scripts.databaseRole(client);
            if (!role.equals(env.get("QUARKUS_DATASOURCE_USERNAME"))) {
                problems.add(client + ": logs in to PostgreSQL as " + env.get("QUARKUS_DATASOURCE_USERNAME") + ", not as its own role "
                        + role + " that init-roles.sh creates");
            }
            String variable = "WFCHAT_DB_PASSWORD_" + client.toUpperCase().replace('-', '_');
            String password = env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
            if (!password.startsWith("${" + variable + ":?") || !passesVariable(postgres, variable)) {
                problems.add(client + ": QUARKUS_DATASOURCE_PASSWORD is not the " + variable + " postgres creates its role with");
            }
            for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                if (!String.valueOf(env.get(url)).matches("(jdbc:)?postgresql://postgres:5432/wfchat")) {
                    problems.add(client + ": " + url + " is not the wfchat database of the postgres service: " + env.get(url));
                }
            }
        }
        return problems;
    }

    /** Whether a service mounts that repository file read-only at that path (a path ending in / is a directory). */
    private static boolean mounts(JsonNode service, String file, String target) {
        for (JsonNode mount : service.path("volumes")) {
            String[] parts = mount.asText().split(":");
            if (parts.length == 3 && parts[0].equals("./" + file) && parts[2].equals("ro")
                    && (target.endsWith("/") ? parts[1].startsWith(target) : parts[1].equals(target))) {
                return true;
            }
        }
        return false;
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
