package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** k8s/: the base (self-contained install) and the external-datastores overlay, read into fabric8's model. */
class KubernetesTest {

    static final Path BASE = Repo.path("k8s/base");
    static final Path EXTERNAL = Repo.path("k8s/overlays/external-datastores");

    static Map<String, ServiceConfig> services;
    static Map<String, Integer> uids;

    @BeforeAll
    static void readServices() {
        services = new LinkedHashMap<>();
        uids = new LinkedHashMap<>();
        for (String s : Repo.SERVICES) {
            services.put(s, ServiceConfig.of(s));
            uids.put(s, Dockerfile.parse(Repo.read(Repo.path(s + "/src/main/docker/Dockerfile.jvm"))).uid());
        }
    }

    static List<String> problems(Manifests manifests) {
        return KubernetesChecks.problems(manifests, services, uids);
    }

    @Test
    void everyK8sFileParsesIntoTheModel() throws IOException {
        try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertThat(yaml).hasSizeGreaterThan(10);
            for (Path file : yaml) {
                if (file.getFileName().toString().equals("kustomization.yaml")) {
                    assertThat(Repo.yamlDocument(file).path("kind").asText()).isEqualTo("Kustomization");
                } else {
                    Manifests one = Manifests.of(Repo.read(file), file.toString());
                    assertThat(one.problems).as(file.toString()).isEmpty();
                    assertThat(one.resources).as(file.toString()).isNotEmpty();
                }
            }
        }
    }

    @Test
    void baseIsASoundSelfContainedInstall() {
        Manifests base = Manifests.kustomize(BASE);
        assertThat(problems(base)).isEmpty();
        assertThat(base.all(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(Repo.SERVICES);
        StatefulSet postgres = base.get(StatefulSet.class, "postgres");
        StatefulSet redis = base.get(StatefulSet.class, "redis");
        assertThat(postgres.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("postgres:16");
        assertThat(redis.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("redis:7");
        assertThat(String.join(" ", redis.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs())).contains("--appendonly yes");
        assertThat(base.resources).allSatisfy(r -> assertThat(r.object().getMetadata().getNamespace() == null
                ? r.kind() : r.object().getMetadata().getNamespace()).isIn("Namespace", "workflow-chat"));
    }

    @Test
    void externalDatastoresOverlayDropsTheStatefulSetsAndPointsElsewhere() {
        Manifests external = Manifests.kustomize(EXTERNAL);
        assertThat(problems(external)).isEmpty();
        assertThat(external.all(StatefulSet.class)).isEmpty();
        assertThat(external.get(Service.class, "postgres")).isNull();
        assertThat(external.get(Service.class, "redis")).isNull();
        Map<String, String> config = external.get(ConfigMap.class, "wfchat-config").getData();
        assertThat(config.get("database-reactive-url")).startsWith("postgresql://").doesNotContain("//postgres:");
        assertThat(config.get("database-jdbc-url")).startsWith("jdbc:postgresql://").doesNotContain("//postgres:");
        assertThat(external.get(Secret.class, "wfchat-secrets").getStringData().get("redis-hosts")).doesNotStartWith("redis://redis:");
    }

    // The checks themselves, each on the real base with one fault put in.

    private static List<String> broken(Consumer<Manifests> fault) {
        Manifests base = Manifests.kustomize(BASE);
        fault.accept(base);
        return problems(base);
    }

    private static io.fabric8.kubernetes.api.model.Container container(Manifests m, String deployment) {
        return m.get(Deployment.class, deployment).getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void aMisspeltEnvNameIsCaught() {
        assertThat(broken(m -> container(m, "chat-service").getEnv().stream().filter(e -> e.getName().equals("WFCHAT_REDIS_PREFIX"))
                .forEach(e -> e.setName("WFCHAT_REDIS_PREFX"))))
                .singleElement().asString().contains("Deployment/chat-service", "WFCHAT_REDIS_PREFX", "nearest: WFCHAT_REDIS_PREFIX");
        assertThat(broken(m -> container(m, "state-broadcaster").getEnv().add(new EnvVar("DISCORD_TOKEN", "x", null))))
                .anyMatch(p -> p.contains("Deployment/state-broadcaster") && p.contains("DISCORD_TOKEN"));
    }

    @Test
    void probesAndPortsMustMatchTheService() {
        assertThat(broken(m -> container(m, "chat-service").getReadinessProbe().getHttpGet().setPath("/q/health/redy")))
                .anyMatch(p -> p.contains("readinessProbe"));
        assertThat(broken(m -> container(m, "state-broadcaster").getLivenessProbe().getHttpGet().setPort(new IntOrString(8080))))
                .anyMatch(p -> p.contains("livenessProbe port 8080"));
        assertThat(broken(m -> container(m, "discord-bridge").getPorts().get(0).setContainerPort(8080)))
                .anyMatch(p -> p.contains("container ports [8080]"));
        assertThat(broken(m -> container(m, "chat-service").setReadinessProbe(null))).anyMatch(p -> p.contains("no readinessProbe"));
    }

    @Test
    void labelsSelectorsAndBackendsMustLineUp() {
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getSelector().getMatchLabels()
                .put("app.kubernetes.io/name", "chat"))).anyMatch(p -> p.contains("does not match its template's labels"));
        assertThat(broken(m -> m.get(Service.class, "state-broadcaster").getSpec().getSelector()
                .put("app.kubernetes.io/name", "state"))).anyMatch(p -> p.contains("Service/state-broadcaster: selector"));
        assertThat(broken(m -> m.get(Service.class, "chat-service").getSpec().getPorts().get(0).setTargetPort(new IntOrString("web"))))
                .anyMatch(p -> p.contains("targetPort web"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().setName("chat"))).anyMatch(p -> p.contains("backend chat is not a Service"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getSpec().getRules().get(0).getHttp().getPaths().get(0)
                .getBackend().getService().getPort().setName("https"))).anyMatch(p -> p.contains("is not a port of Service"));
        assertThat(broken(m -> m.get(Ingress.class, "chat").getMetadata().getAnnotations()
                .remove("nginx.ingress.kubernetes.io/proxy-read-timeout"))).anyMatch(p -> p.contains("proxy-read-timeout"));
        assertThat(broken(m -> m.get(StatefulSet.class, "redis").getSpec().setServiceName("cache")))
                .anyMatch(p -> p.contains("not a headless Service"));
    }

    @Test
    void imagesUsersReferencesAndReplicasAreChecked() {
        assertThat(broken(m -> container(m, "chat-service").setImage("workflow-chat/chat:1"))).anyMatch(p -> p.contains("not the one compose builds"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getTemplate().getSpec().getSecurityContext().setRunAsNonRoot(null)))
                .anyMatch(p -> p.contains("may run as root"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().getTemplate().getSpec().getSecurityContext().setRunAsUser(185L)))
                .anyMatch(p -> p.contains("is not the image's USER 10001"));
        assertThat(broken(m -> m.get(Secret.class, "wfchat-secrets").getStringData().remove("redis-hosts")))
                .anyMatch(p -> p.contains("reads Secret wfchat-secrets key redis-hosts"));
        assertThat(broken(m -> m.get(ConfigMap.class, "wfchat-config").getData().put("chat-url", "http://chat:8080")))
                .anyMatch(p -> p.contains("names Service chat"));
        assertThat(broken(m -> m.get(Deployment.class, "discord-bridge").getSpec().setReplicas(2)))
                .anyMatch(p -> p.contains("discord-bridge: must run exactly one replica"));
        assertThat(broken(m -> m.get(Deployment.class, "chat-service").getSpec().setReplicas(3)))
                .anyMatch(p -> p.contains("HorizontalPodAutoscaler owns the count"));
        assertThat(broken(m -> container(m, "chat-service").getResources().getLimits().remove("memory")))
                .anyMatch(p -> p.contains("lacks cpu/memory requests or a memory limit"));
    }

    @Test
    void unknownFieldsAndMissingFilesAreCaught(@TempDir Path dir) throws IOException {
        String typo = Repo.read(BASE.resolve("state-broadcaster.yaml")).replace("readinessProbe:", "readinesProbe:");
        assertThat(Manifests.of(typo, "typo").problems).anyMatch(p -> p.contains("unknown field(s) [readinesProbe]"));
        assertThat(Manifests.of("apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: x}\n", "old").problems)
                .anyMatch(p -> p.contains("unexpected apiVersion/kind autoscaling/v1/HorizontalPodAutoscaler"));

        Path base = dir.resolve("base");
        Files.createDirectories(base);
        Files.writeString(base.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [missing.yaml]
                patches:
                  - path: absent-patch.yaml
                """);
        assertThat(Manifests.kustomize(base).problems)
                .anyMatch(p -> p.contains("resource missing.yaml does not exist"))
                .anyMatch(p -> p.contains("absent-patch.yaml"));
    }

    @Test
    void aPatchOfSomethingAbsentIsCaught(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                resources: [%s]
                patches:
                  - path: delete.yaml
                """.formatted(BASE.toAbsolutePath()));
        Files.writeString(dir.resolve("delete.yaml"), "$patch: delete\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: mongo\n");
        assertThat(Manifests.kustomize(dir).problems).anyMatch(p -> p.contains("patches StatefulSet/mongo, which the resources do not have"));
    }
}
