package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Each service's src/main/docker/Dockerfile.jvm: JRE 17, the fast-jar layout, a non-root user, its port. */
class DockerfileTest {

    static final java.util.List<String> SERVICES = Repo.SERVICES;

    @ParameterizedTest
    @FieldSource("SERVICES")
    void serviceImageIsSound(String service) {
        var file = Repo.path(service + "/src/main/docker/Dockerfile.jvm");
        assertThat(file).exists();
        Dockerfile dockerfile = Dockerfile.parse(Repo.read(file));
        ServiceConfig config = ServiceConfig.of(service);
        assertThat(dockerfile.problems(config.httpPort, config.managementPort)).as(file.toString()).isEmpty();
        assertThat(dockerfile.uid()).isEqualTo(10001);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void buildContextSendsOnlyThePackagedApp(String service) {
        // The compose build context is the module: .dockerignore keeps sources and test output out of it,
        // but must let target/quarkus-app through.
        var ignore = Repo.path(service + "/.dockerignore");
        assertThat(ignore).exists();
        assertThat(Repo.read(ignore).lines().map(String::strip)).contains("*", "!target/quarkus-app/*");
    }

    private static final String GOOD = """
            FROM eclipse-temurin:17-jre-noble
            RUN useradd --uid 10001 app
            WORKDIR /deployments
            COPY target/quarkus-app/lib/ /deployments/lib/
            COPY target/quarkus-app/*.jar /deployments/
            COPY target/quarkus-app/app/ /deployments/app/
            COPY target/quarkus-app/quarkus/ /deployments/quarkus/
            EXPOSE 8080 9000
            USER 10001:10001
            ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+UseSerialGC \\
                -XX:+ExitOnOutOfMemoryError"
            ENTRYPOINT ["/bin/sh", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
            """;

    @Test
    void checkerPassesAGoodDockerfile() {
        assertThat(Dockerfile.parse(GOOD).problems(8080, 9000)).isEmpty();
        assertThat(Dockerfile.parse(GOOD).startCommandVariables()).containsExactly("JAVA_OPTS");
    }

    @Test
    void checkerCatchesEachFault() {
        assertThat(Dockerfile.parse(GOOD.replace("USER 10001:10001\n", "")).problems(8080, 9000)).anyMatch(p -> p.contains("no USER"));
        assertThat(Dockerfile.parse(GOOD.replace("USER 10001:10001", "USER root")).problems(8080, 9000)).anyMatch(p -> p.contains("not numeric"));
        assertThat(Dockerfile.parse(GOOD.replace("USER 10001:10001", "USER 0")).problems(8080, 9000)).anyMatch(p -> p.contains("is root"));
        assertThat(Dockerfile.parse(GOOD.replace("COPY target/quarkus-app/quarkus/ /deployments/quarkus/\n", "")).problems(8080, 9000))
                .anyMatch(p -> p.contains("target/quarkus-app/quarkus/"));
        assertThat(Dockerfile.parse(GOOD.replace("COPY target/quarkus-app/lib/", "COPY target/lib/")).problems(8080, 9000))
                .anyMatch(p -> p.contains("target/quarkus-app/lib/"));
        assertThat(Dockerfile.parse(GOOD).problems(8081, 9000)).anyMatch(p -> p.contains("EXPOSE"));
        assertThat(Dockerfile.parse(GOOD.replace("EXPOSE 8080 9000", "EXPOSE 8080")).problems(8080, 9000))
                .anyMatch(p -> p.contains("9000 (management)"));
        assertThat(Dockerfile.parse(GOOD.replace("eclipse-temurin:17-jre-noble", "eclipse-temurin:21-jdk")).problems(8080, 9000))
                .anyMatch(p -> p.contains("not a Java 17 JRE"));
        assertThat(Dockerfile.parse(GOOD.replace("/deployments/quarkus-run.jar", "/app/quarkus-run.jar")).problems(8080, 9000))
                .anyMatch(p -> p.contains("does not run"));
        assertThat(Dockerfile.parse(GOOD.replace("-XX:MaxRAMPercentage=75.0", "-Xmx2g")).problems(8080, 9000))
                .anyMatch(p -> p.contains("MaxRAMPercentage"));
        assertThat(Dockerfile.parse(GOOD.replace(" -XX:+UseSerialGC", "")).problems(8080, 9000))
                .anyMatch(p -> p.contains("names no garbage collector"));
    }

    /**
     * The chat-service pushes every frame from its event loops, so a collection's pause is every socket's wait: its
     * image names G1 with a short pause goal. Under 1792 MiB (compose and k8s give it 1 GiB) the JVM would otherwise
     * pick the single-threaded Serial collector by itself.
     */
    @Test
    void theChatServiceCollectsWithShortPauses() {
        Dockerfile chat = Dockerfile.parse(Repo.read(Repo.path("chat-service/src/main/docker/Dockerfile.jvm")));
        assertThat(chat.javaOpts()).contains("-XX:+UseG1GC").anyMatch(option -> option.matches("-XX:MaxGCPauseMillis=\\d+"));
    }

    @Test
    void onlyTheDockerfilesOfTheServicesExist() throws Exception {
        // A module that grows a Dockerfile gets checked here too (add it to Repo.SERVICES).
        try (var files = Files.walk(Repo.root(), 6)) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("Dockerfile"))
                    .filter(f -> !f.toString().matches(".*/(target|node_modules|\\.git)/.*"))
                    .map(f -> Repo.root().relativize(f).toString()))
                    .containsExactlyInAnyOrder(SERVICES.stream().map(s -> s + "/src/main/docker/Dockerfile.jvm").toArray(String[]::new));
        }
    }
}
