package dev.workflowchat.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An operator's checkout after {@code deploy/generate-secrets.sh}: the deployment files copied under
 * target/ (never the developer's own secrets.env or .env), the script run there, and the
 * external-datastores overlay's secrets.env filled in as its example asks. The k8s checks read the
 * manifests from here because without the generated secrets kustomize builds nothing, by design.
 */
final class Installation {

    static final String OVERLAY_SECRETS = "k8s/overlays/external-datastores/secrets.env";

    private static Path root;

    private Installation() {
    }

    static synchronized Path root() {
        if (root == null) {
            Path dir = Repo.path("deployment-tests/target/installation");
            copyDeploymentFiles(dir);
            Scripts.Result result = Scripts.run(dir, Map.of(), "bash", Scripts.GENERATE_SECRETS);
            if (result.exitCode() != 0) {
                throw new IllegalStateException(Scripts.GENERATE_SECRETS + " failed (" + result.exitCode() + "): " + result.stderr());
            }
            write(dir.resolve(OVERLAY_SECRETS), externalSecrets(Repo.read(dir.resolve(OVERLAY_SECRETS + ".example"))));
            root = dir;
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    /** The generated .env. */
    static Map<String, String> dotEnv() {
        return Scripts.envFile(Repo.read(path(".env")));
    }

    /** What the scripts and manifests need, without anything git-ignored: a fresh checkout's files. */
    static void copyDeploymentFiles(Path dir) {
        delete(dir);
        try {
            Files.createDirectories(dir);
            Files.copy(Repo.path(".env.example"), dir.resolve(".env.example"));
            for (String tree : new String[] {"deploy", "k8s"}) {
                try (Stream<Path> files = Files.walk(Repo.path(tree))) {
                    for (Path file : files.toList()) {
                        Path target = dir.resolve(Repo.root().relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(target);
                        } else if (!file.getFileName().toString().equals("secrets.env")) {
                            Files.copy(file, target);
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The overlay's secrets.env as an operator fills it in: each service's own user on a managed Redis. */
    private static String externalSecrets(String example) {
        Map<String, String> values = new LinkedHashMap<>();
        Scripts.envFile(example).keySet().forEach(key -> values.put(key, switch (key) {
            case "database-username" -> "chat_service";
            case "database-password" -> "externalDatabasePassword1";
            case "database-username-state-broadcaster" -> "state_broadcaster";
            case "database-password-state-broadcaster" -> "externalWorkflowPassword1";
            default -> key.startsWith("redis-hosts-")
                    ? "rediss://" + key.substring("redis-hosts-".length()) + ":externalRedisPassword1@redis.example.com:6380"
                    : "";
        }));
        StringBuilder text = new StringBuilder();
        values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        return text.toString();
    }

    static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
