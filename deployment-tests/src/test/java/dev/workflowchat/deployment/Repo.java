package dev.workflowchat.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** The repository the deployment files live in, and how they are read. */
final class Repo {

    /** The three Quarkus services, each a module of the same name, and what compose and k8s call them. */
    static final List<String> SERVICES = List.of("chat-service", "state-broadcaster", "discord-bridge");

    /** The services that keep a record in PostgreSQL, each as its own role (k8s/base/postgres/init-roles.sh). */
    static final List<String> DATABASE_CLIENTS = List.of("chat-service", "state-broadcaster");

    static final ObjectMapper JSON = new ObjectMapper();

    private Repo() {
    }

    static Path root() {
        String configured = System.getProperty("wfchat.repo.root");
        Path root = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath().getParent();
        root = root.toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml")) && !Files.isDirectory(root.resolve("k8s"))) {
            throw new IllegalStateException("not the repository root: " + root);
        }
        return root;
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every YAML document of a file, as JSON trees. SnakeYAML resolves anchors, aliases and merge
     * keys (docker-compose.yml uses them); duplicate keys are refused, as Kubernetes and compose do.
     */
    static List<JsonNode> yamlDocuments(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        List<JsonNode> documents = new ArrayList<>();
        for (Object document : new Yaml(options).loadAll(text)) {
            if (document != null) {
                documents.add(JSON.valueToTree(document));
            }
        }
        return documents;
    }

    static JsonNode yamlDocument(Path file) {
        List<JsonNode> documents = yamlDocuments(read(file));
        if (documents.size() != 1) {
            throw new IllegalStateException(file + ": expected one YAML document, found " + documents.size());
        }
        return documents.get(0);
    }
}
