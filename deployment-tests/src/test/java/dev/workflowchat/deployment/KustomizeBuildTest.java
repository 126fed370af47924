package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kustomize, where the machine has it (kubectl's built-in `kubectl kustomize`, no cluster
 * needed): its output for the base and each overlay passes the same checks as this module's own reading.
 * Skipped, not failed, where kubectl is not installed; the other tests don't need it.
 */
class KustomizeBuildTest {

    private static String kustomize(Path dir) throws Exception {
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(false).start();
        byte[] out = process.getInputStream().readAllBytes();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize %s: %s", dir, err).isZero();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static boolean kubectlInstalled() {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "kubectl")));
    }

    @Test
    void baseRendersAndPassesTheChecks() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Manifests rendered = Manifests.of(kustomize(KubernetesTest.BASE), "kubectl kustomize k8s/base");
        KubernetesTest.readServices();
        assertThat(KubernetesTest.problems(rendered)).isEmpty();
        assertThat(rendered.all(StatefulSet.class)).hasSize(2);
        assertThat(rendered.resources).allSatisfy(r -> assertThat(r.kind().equals("Namespace") || "workflow-chat".equals(
                r.object().getMetadata().getNamespace())).as(r.kind() + "/" + r.name()).isTrue());
        // The images: entries applied (a tag), and the part-of label added without touching selectors.
        assertThat(rendered.get(Deployment.class, "chat-service").getSpec().getTemplate().getSpec().getContainers().get(0).getImage())
                .startsWith("workflow-chat/chat-service:");
        assertThat(rendered.get(Deployment.class, "chat-service").getSpec().getSelector().getMatchLabels())
                .isEqualTo(Map.of("app.kubernetes.io/name", "chat-service"));
        // The generated Secret and ConfigMaps: hashed names, and every reference renamed with them.
        assertThat(rendered.all(Secret.class)).singleElement().extracting(s -> s.getMetadata().getName()).asString()
                .matches("wfchat-secrets-[a-z0-9]{10}");
        assertThat(rendered.all(NetworkPolicy.class)).hasSize(5);
    }

    @Test
    void kustomizeRefusesTheBaseWithoutGeneratedSecrets(@TempDir Path dir) throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Installation.copyDeploymentFiles(dir);
        Process process = new ProcessBuilder("kubectl", "kustomize", dir.resolve("k8s/base").toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(out).contains("secrets.env");
    }

    @Test
    void externalDatastoresOverlayRendersWithoutStatefulSets() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Manifests rendered = Manifests.of(kustomize(KubernetesTest.EXTERNAL), "kubectl kustomize k8s/overlays/external-datastores");
        KubernetesTest.readServices();
        assertThat(KubernetesTest.problems(rendered)).isEmpty();
        assertThat(rendered.all(StatefulSet.class)).isEmpty();
        assertThat(rendered.get(ConfigMap.class, "wfchat-config").getData().get("database-jdbc-url")).contains("db.example.com");
        // This module's own reading of the overlay gives the same objects (kustomize adds a hash to generated names).
        Manifests own = Manifests.kustomize(KubernetesTest.EXTERNAL);
        assertThat(rendered.resources).extracting(KustomizeBuildTest::withoutHash)
                .containsExactlyInAnyOrderElementsOf(own.resources.stream().map(KustomizeBuildTest::withoutHash).toList());
    }

    @Test
    void haOverlayRendersAsThisModuleReadsIt() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Manifests rendered = Manifests.of(kustomize(KubernetesTest.HA), "kubectl kustomize k8s/overlays/ha");
        KubernetesTest.readServices();
        assertThat(KubernetesTest.problems(rendered)).isEmpty();
        // this module's strategic merge gives what kubectl's does for what the overlays patch (labels
        // kustomize adds everywhere it does not read)
        Manifests own = Manifests.kustomize(KubernetesTest.HA);
        for (String service : List.of("chat-service", "state-broadcaster", "discord-bridge")) {
            com.fasterxml.jackson.databind.JsonNode ours = comparable(own.get(Deployment.class, service));
            com.fasterxml.jackson.databind.JsonNode kubectls = comparable(rendered.get(Deployment.class, service));
            for (String part : List.of("/replicas", "/strategy", "/template/spec")) {
                assertThat(ours.at(part)).as(service + " " + part).isEqualTo(kubectls.at(part));
            }
        }
        assertThat(own.all(HorizontalPodAutoscaler.class).get(0).getSpec().getMinReplicas())
                .isEqualTo(rendered.all(HorizontalPodAutoscaler.class).get(0).getSpec().getMinReplicas());
        assertThat(own.all(PodDisruptionBudget.class).get(0).getSpec().getMinAvailable())
                .isEqualTo(rendered.all(PodDisruptionBudget.class).get(0).getSpec().getMinAvailable());
    }

    /** A Deployment's spec as both readings may differ without meaning it: environment in name order, generated names and images without hash and tag. */
    private static com.fasterxml.jackson.databind.JsonNode comparable(Deployment deployment) throws Exception {
        deployment.getSpec().getTemplate().getSpec().getContainers().forEach(container ->
                container.getEnv().sort(java.util.Comparator.comparing(io.fabric8.kubernetes.api.model.EnvVar::getName)));
        String json = Repo.JSON.writeValueAsString(deployment.getSpec()).replaceAll("(wfchat-[a-z]+)-[a-z0-9]{10}\"", "$1\"")
                .replaceAll("(\"image\":\"[^\":]+):[^\"]*\"", "$1\""); // the tag kustomize's images: sets
        return Repo.JSON.readTree(json);
    }

    private static String withoutHash(Manifests.Resource r) {
        boolean generated = r.kind().equals("Secret") || r.kind().equals("ConfigMap");
        return r.kind() + "/" + (generated ? r.name().replaceFirst("-[a-z0-9]{10}$", "") : r.name());
    }
}
