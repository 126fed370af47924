package dev.workflowchat.infra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One Quarkus service started as a child process from its {@code quarkus-run.jar}. */
final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private Process process;

    ServiceProcess(String name, Path jar, int port) {
        this.name = name;
        this.jar = jar;
        this.port = port;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    void start(Map<String, String> environment) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        process = builder.start();
    }

    /** Waits until {@code /q/health/ready} answers 200, or the process dies, or time runs out. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        while (Instant.now().isBefore(deadline) && process.isAlive()) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250); // polling an external process: nothing to wait on but time
        }
        return false;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    Process process() {
        return process;
    }

    /** SIGTERM first so Quarkus shuts down gracefully; kill if it takes too long. */
    void stop(Duration grace) {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
