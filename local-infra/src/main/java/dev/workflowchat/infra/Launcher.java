package dev.workflowchat.infra;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The run command: finds or starts PostgreSQL and Redis, starts every service against them,
 * prints where to log in, and on Ctrl-C stops everything it started.
 */
public final class Launcher {

    private static final int MANAGEMENT_ABOVE_HTTP = 920;

    private static final Path DATA_DIR = Path.of(".wfchat-data");
    private static final int EMBEDDED_POSTGRES_PORT = 54329;
    private static final int EMBEDDED_REDIS_PORT = 63799;
    private static final String DATABASE = "wfchat";

    private Launcher() {
    }

    private static volatile Process demo;

    public static void main(String[] args) throws Exception {
        Files.createDirectories(DATA_DIR);
        boolean postgresFromEnvironment = isSet("QUARKUS_DATASOURCE_REACTIVE_URL");
        boolean redisFromEnvironment = isSet("QUARKUS_REDIS_HOSTS");
        Infrastructure infrastructure = Infrastructure.forRun(DATA_DIR.toAbsolutePath(),
                !postgresFromEnvironment, !redisFromEnvironment, EMBEDDED_POSTGRES_PORT, EMBEDDED_REDIS_PORT);
        log("using " + infrastructure.describe());
        Map<String, String> environment = connectionEnvironment(infrastructure);
        String adminUser = envOr("WFCHAT_ADMIN_USERNAME", "admin");
        String adminPassword = isSet("WFCHAT_ADMIN_PASSWORD") ? System.getenv("WFCHAT_ADMIN_PASSWORD") : rememberedAdminPassword();
        // the services log JSON lines in production; a person at a terminal reads text
        environment.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        environment.put("WFCHAT_ADMIN_USERNAME", adminUser);
        environment.put("WFCHAT_ADMIN_PASSWORD", adminPassword);

        List<ServiceProcess> services = new ArrayList<>(List.of(
                service("chat-service", envOr("WFCHAT_CHAT_PORT", "8080")),
                service("state-broadcaster", envOr("WFCHAT_STATE_PORT", "8081"))));
        if (isSet("DISCORD_TOKEN")) {
            // the bridge is optional: it runs when there is a Discord to bridge to
            environment.put("WFCHAT_CHAT_URL", "http://localhost:" + services.get(0).port());
            services.add(service("discord-bridge", envOr("WFCHAT_BRIDGE_PORT", "8082")));
        }

        CountDownLatch stopped = new CountDownLatch(1);
        AtomicBoolean stopping = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
            log("stopping…");
            Process running = demo;
            if (running != null) {
                running.destroy();
            }
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).stop(Duration.ofSeconds(20));
            }
            infrastructure.close();
            log("stopped");
            stopped.countDown();
        }, "wfchat-stop"));

        for (ServiceProcess service : services) {
            service.start(environment);
            if (!service.awaitReady(Duration.ofMinutes(2))) {
                log(service.name() + " did not become ready; see its log above");
                System.exit(1);
            }
        }
        ServiceProcess chat = services.get(0);
        log("");
        log("Workflow Chat is running at http://localhost:" + chat.port() + "/");
        if (adminLogsIn(chat.port(), adminUser, adminPassword)) {
            log("Log in as '" + adminUser + "' with password '" + adminPassword + "'"
                    + (isSet("WFCHAT_ADMIN_PASSWORD") ? "" : " (kept in " + DATA_DIR.resolve("admin-password") + ")"));
        } else {
            // the database already had an admin, made with another password (an earlier setup)
            log("The admin '" + adminUser + "' was made earlier with another password, which still holds: log in with that.");
            log("Forgot it? Set a new one: WFCHAT_ADMIN_PASSWORD=<new> WFCHAT_ADMIN_RESET_PASSWORD=true ./run.sh");
        }
        log("API docs: http://localhost:" + chat.managementPort() + "/q/swagger-ui   Workflow state: ws://localhost:"
                + services.get(1).port() + "/ws/state   Stop: Ctrl-C");
        log("");

        if (List.of(args).contains("--demo")) {
            Map<String, String> demoEnvironment = new HashMap<>(environment);
            String login = "{\"username\":" + jsonString(adminUser) + ",\"password\":" + jsonString(adminPassword) + "}";
            DemoAgentKey.mint(chat.port(), login).ifPresent(key -> {
                demoEnvironment.put("WFCHAT_MCP_URL", "http://localhost:" + chat.port() + "/mcp");
                demoEnvironment.put("WFCHAT_MCP_KEY", key);
            });
            demo = startDemoAgent(demoEnvironment);
        }

        // Any service ending on its own ends the run, so nothing is left half up.
        for (ServiceProcess service : services) {
            service.process().onExit().thenRun(() -> {
                if (!stopping.get()) {
                    log(service.name() + " exited on its own; stopping the rest");
                    System.exit(1);
                }
            });
        }
        stopped.await();
    }

    /** The demo team of agents (examples/demo-agent), talking to the same Redis as the services. */
    private static Process startDemoAgent(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", "examples/demo-agent/target/demo-agent.jar" + File.pathSeparator + "examples/demo-agent/target/lib/*",
                "dev.workflowchat.demo.DemoAgent").inheritIO();
        // only where Redis is, and the MCP agent's key: the demo needs nothing else, and no secret of the services
        environment.forEach((name, value) -> {
            if (name.startsWith("QUARKUS_REDIS_") || name.startsWith("WFCHAT_REDIS_") || name.startsWith("WFCHAT_MCP_")) {
                builder.environment().put(name, value);
            }
        });
        log("the demo agents are at work: watch #workflow and #general");
        return builder.start();
    }

    /** What the services need to reach the servers found or started; those from the environment pass through. */
    private static Map<String, String> connectionEnvironment(Infrastructure infrastructure) {
        Map<String, String> environment = new HashMap<>();
        if (infrastructure.postgres() != null) {
            PostgresEndpoint database = infrastructure.createDatabase(DATABASE);
            environment.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl());
            environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
            environment.put("QUARKUS_DATASOURCE_USERNAME", database.user());
            environment.put("QUARKUS_DATASOURCE_PASSWORD", database.password() == null ? "" : database.password());
        }
        if (infrastructure.redis() != null) {
            environment.put("QUARKUS_REDIS_HOSTS", infrastructure.redis().uri());
        }
        return environment;
    }

    /** Whether the admin can log in with this password (one try; the login throttle allows a few). */
    /**
     * A service of this checkout on its HTTP port; its management port (health, metrics, API docs)
     * is 920 above it, as in the services' own defaults (8080 → 9000, 8081 → 9001, 8082 → 9002).
     */
    private static ServiceProcess service(String module, String port) {
        int http = Integer.parseInt(port);
        return new ServiceProcess(module, Path.of(module, "target", "quarkus-app", "quarkus-run.jar"), http,
                http + MANAGEMENT_ABOVE_HTTP);
    }

    private static boolean adminLogsIn(int port, String username, String password) {
        String body = "{\"username\":" + jsonString(username) + ",\"password\":" + jsonString(password) + "}";
        HttpRequest login = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/auth/login"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            return HttpClient.newHttpClient().send(login, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String jsonString(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }

    /** The first run makes up the admin's password and keeps it beside the data it protects. */
    private static String rememberedAdminPassword() throws IOException {
        Path file = DATA_DIR.resolve("admin-password");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        }
        byte[] random = new byte[12];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Files.writeString(file, password + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return password;
    }

    private static boolean isSet(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private static String envOr(String name, String fallback) {
        return isSet(name) ? System.getenv(name) : fallback;
    }

    private static void log(String line) {
        System.out.println("[wfchat] " + line);
    }
}
