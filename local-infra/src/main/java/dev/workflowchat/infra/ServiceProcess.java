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

/**
 * One Quarkus service started as a child process from its {@code quarkus-run.jar}, on its HTTP
 * port and its management port (health, metrics, API docs: {@code /q/*} is served only there).
 */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final int port;
    private final int managementPort;
    private Process process;

    /** On the given HTTP port and a free management port (tests). */
    public ServiceProcess(String name, Path jar, int port) {
        this(name, jar, port, FreePort.find());
    }

    public ServiceProcess(String name, Path jar, int port, int managementPort) {
        this.name = name;
        this.jar = jar;
        this.port = port;
        this.managementPort = managementPort;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    /** Where {@code /q/…} (health, metrics, API docs) is served: {@code http://127.0.0.1:<management port>}. */
    public String managementBase() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Starts it with its output on this process's console. */
    public void start(Map<String, String> environment) throws IOException {
        start(environment, null);
    }

    /** Starts it with its output appended to {@code log} (when not null), e.g. in a test. */
    public void start(Map<String, String> environment, Path log) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing: build first (./mvnw package -DskipTests)");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command);
        if (log == null) {
            builder.inheritIO();
        } else {
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        }
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
        process = builder.start();
    }

    /** Waits until {@code /q/health/ready} answers 200, or the process dies, or time runs out. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementBase() + "/q/health/ready"))
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

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** The kill -9 of a crash: no shutdown hooks, no goodbyes. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGSTOP: the process stands still (a long GC pause, a frozen VM) until {@link #resume()}. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: it goes on where it stood. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM first so Quarkus shuts down gracefully; kill if it takes too long. */
    public void stop(Duration grace) {
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
