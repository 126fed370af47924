package dev.workflowchat.deployment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Kubernetes manifests read into fabric8's typed model, and a small kustomize: a kustomization's
 * resources (files and nested kustomizations), its ConfigMap and Secret generators (without the name's
 * hash suffix), its namespace, and the two kinds of patch this repository uses ({@code $patch: delete},
 * and ConfigMap/Secret data merged). Enough to check what the base and the overlays produce without a
 * cluster; {@code kubectl kustomize}, where it exists, checks the real thing.
 */
final class Manifests {

    /** The kinds this repository uses, each with its API version and model class. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class));

    /** One object and the file it came from. */
    record Resource(String file, HasMetadata object) {
        String kind() {
            return object.getKind();
        }

        String name() {
            return object.getMetadata().getName();
        }
    }

    final List<Resource> resources = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final List<String> images = new ArrayList<>();
    String namespace;

    /** Reads a kustomization directory the way `kubectl kustomize` would, as far as this repository needs. */
    static Manifests kustomize(Path dir) {
        Manifests out = new Manifests();
        out.load(dir);
        return out;
    }

    /** Objects from YAML text (e.g. kubectl kustomize's output). */
    static Manifests of(String yaml, String origin) {
        Manifests out = new Manifests();
        for (JsonNode document : Repo.yamlDocuments(yaml)) {
            out.add(origin, document, false);
        }
        return out;
    }

    private void load(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            problems.add(dir + ": no kustomization.yaml");
            return;
        }
        JsonNode kustomization = Repo.yamlDocument(file);
        String where = Repo.root().relativize(file).toString();
        if (!kustomization.path("kind").asText().equals("Kustomization")) {
            problems.add(where + ": not a Kustomization");
        }
        for (JsonNode entry : kustomization.path("resources")) {
            Path target = dir.resolve(entry.asText()).normalize();
            if (Files.isDirectory(target)) {
                load(target);
            } else if (Files.isRegularFile(target)) {
                for (JsonNode document : Repo.yamlDocuments(Repo.read(target))) {
                    add(Repo.root().relativize(target).toString(), document, false);
                }
            } else {
                problems.add(where + ": resource " + entry.asText() + " does not exist");
            }
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            generate(dir, where, generator, false);
        }
        for (JsonNode generator : kustomization.path("secretGenerator")) {
            generate(dir, where, generator, true);
        }
        for (JsonNode patch : kustomization.path("patches")) {
            Path target = dir.resolve(patch.path("path").asText()).normalize();
            if (!patch.has("path") || !Files.isRegularFile(target)) {
                problems.add(where + ": patch " + patch + " is not a file here");
                continue;
            }
            for (JsonNode document : Repo.yamlDocuments(Repo.read(target))) {
                applyPatch(Repo.root().relativize(target).toString(), document);
            }
        }
        if (kustomization.has("namespace")) {
            namespace = kustomization.path("namespace").asText();
            resources.forEach(r -> {
                if (!(r.object() instanceof Namespace)) {
                    r.object().getMetadata().setNamespace(namespace);
                }
            });
        }
        kustomization.path("images").forEach(image -> images.add(image.path("name").asText()));
    }

    /**
     * A ConfigMap or Secret from a generator's envs files, files (key=path or path) and literals, created
     * or, with {@code behavior: merge}, merged into the one a base generated. Files outside the
     * kustomization's directory are refused, as kustomize refuses them.
     */
    private void generate(Path dir, String where, JsonNode generator, boolean secret) {
        String name = generator.path("name").asText();
        String what = where + ": " + (secret ? "secretGenerator " : "configMapGenerator ") + name;
        Map<String, String> data = new LinkedHashMap<>();
        for (JsonNode envs : generator.path("envs")) {
            Path file = source(dir, what, envs.asText());
            if (file != null) {
                data.putAll(Scripts.envFile(Repo.read(file)));
            }
        }
        for (JsonNode entry : generator.path("files")) {
            String[] keyAndPath = entry.asText().split("=", 2);
            String path = keyAndPath[keyAndPath.length - 1];
            Path file = source(dir, what, path);
            if (file != null) {
                data.put(keyAndPath.length == 2 ? keyAndPath[0] : file.getFileName().toString(), Repo.read(file));
            }
        }
        for (JsonNode literal : generator.path("literals")) {
            String[] kv = literal.asText().split("=", 2);
            data.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        String behavior = generator.path("behavior").asText("create");
        Resource existing = find(secret ? "Secret" : "ConfigMap", name);
        if (behavior.equals("merge") || behavior.equals("replace")) {
            if (existing == null) {
                problems.add(what + ": " + behavior + "s into a " + (secret ? "Secret" : "ConfigMap") + " the resources do not have");
            } else if (existing.object() instanceof Secret s) {
                s.setStringData(behavior.equals("merge") ? merged(s.getStringData(), data) : data);
            } else if (existing.object() instanceof ConfigMap c) {
                c.setData(behavior.equals("merge") ? merged(c.getData(), data) : data);
            }
            return;
        }
        HasMetadata object;
        if (secret) {
            object = new SecretBuilder().withNewMetadata().withName(name).endMetadata()
                    .withType(generator.path("type").asText("Opaque")).withStringData(data).build();
        } else {
            object = new ConfigMapBuilder().withNewMetadata().withName(name).endMetadata()
                    .withData(data).build();
        }
        if (existing != null) {
            problems.add(what + " is declared twice");
        }
        resources.add(new Resource(where + " (generated)", object));
    }

    private Path source(Path dir, String what, String relative) {
        Path file = dir.resolve(relative).normalize();
        if (!file.startsWith(dir.normalize())) {
            problems.add(what + ": " + relative + " is outside the kustomization's directory, which kustomize refuses");
            return null;
        }
        if (!Files.isRegularFile(file)) {
            problems.add(what + ": " + relative + " does not exist"
                    + (relative.endsWith("secrets.env") ? " (deploy/generate-secrets.sh writes the base's; see k8s/README.md)" : ""));
            return null;
        }
        return file;
    }

    private static Map<String, String> merged(Map<String, String> base, Map<String, String> change) {
        Map<String, String> all = new LinkedHashMap<>(base == null ? Map.of() : base);
        all.putAll(change);
        return all;
    }

    private Resource add(String file, JsonNode document, boolean patch) {
        String key = document.path("apiVersion").asText() + "/" + document.path("kind").asText();
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            problems.add(file + ": unexpected apiVersion/kind " + key);
            return null;
        }
        if (document.path("metadata").path("name").asText().isEmpty()) {
            problems.add(file + ": a " + key + " without metadata.name");
            return null;
        }
        HasMetadata object;
        try {
            ObjectNode copy = document.deepCopy();
            copy.remove("$patch");
            object = Repo.JSON.treeToValue(copy, type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            problems.add(file + ": " + key + " does not read as one: " + e.getMessage());
            return null;
        }
        unknownFields(object, file + " " + object.getKind() + "/" + object.getMetadata().getName(), problems);
        Resource resource = new Resource(file, object);
        if (!patch) {
            if (find(object.getKind(), object.getMetadata().getName()) != null) {
                problems.add(file + ": " + key + " " + object.getMetadata().getName() + " is declared twice");
            }
            resources.add(resource);
        }
        return resource;
    }

    private void applyPatch(String file, JsonNode document) {
        Resource patch = add(file, document, true);
        if (patch == null) {
            return;
        }
        Resource target = find(patch.kind(), patch.name());
        if (target == null) {
            problems.add(file + ": patches " + patch.kind() + "/" + patch.name() + ", which the resources do not have");
        } else if (document.path("$patch").asText().equals("delete")) {
            resources.remove(target);
        } else if (target.object() instanceof ConfigMap base && patch.object() instanceof ConfigMap change) {
            base.getData().putAll(change.getData());
        } else if (target.object() instanceof Secret base && patch.object() instanceof Secret change) {
            merge(base.getStringData(), change.getStringData());
            merge(base.getData(), change.getData());
        } else if (target.object() instanceof Deployment || target.object() instanceof HorizontalPodAutoscaler
                || target.object() instanceof PodDisruptionBudget) {
            ObjectNode change = document.deepCopy();
            change.remove("$patch");
            try {
                HasMetadata merged = Repo.JSON.treeToValue(
                        StrategicMerge.merge(Repo.JSON.valueToTree(target.object()), change), target.object().getClass());
                resources.set(resources.indexOf(target), new Resource(target.file(), merged));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                problems.add(file + ": " + patch.kind() + "/" + patch.name() + " patched does not read as one: " + e.getMessage());
            }
        } else {
            problems.add(file + ": this test's kustomize does not apply patches to a " + patch.kind()
                    + " (only delete, ConfigMap/Secret data, and Deployment, HorizontalPodAutoscaler and PodDisruptionBudget)");
        }
    }

    private static void merge(Map<String, String> base, Map<String, String> change) {
        if (change != null && base != null) {
            base.putAll(change);
        }
    }

    Resource find(String kind, String name) {
        return resources.stream().filter(r -> r.kind().equals(kind) && Objects.equals(r.name(), name)).findFirst().orElse(null);
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return resources.stream().map(Resource::object).filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> T get(Class<T> type, String name) {
        return all(type).stream().filter(o -> name.equals(o.getMetadata().getName())).findFirst().orElse(null);
    }

    /**
     * Fields the model has no place for (a misspelt or misplaced key: {@code readinesProbe}, a probe
     * under the pod instead of the container) land in fabric8's additionalProperties: each is a problem.
     */
    static void unknownFields(Object object, String path, List<String> problems) {
        if (object == null) {
            return;
        }
        if (object instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (object instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!object.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : object.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")) {
                continue;
            }
            Class<?> type = getter.getReturnType();
            boolean model = type.getName().startsWith("io.fabric8.");
            if (!model && !Collection.class.isAssignableFrom(type) && !Map.class.isAssignableFrom(type)) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(object);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, problems);
            }
        }
    }

    static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : new LinkedHashMap<>(labels);
    }
}
