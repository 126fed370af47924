package dev.workflowchat.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

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
    }

    @Test
    void externalDatastoresOverlayRendersWithoutStatefulSets() throws Exception {
        assumeTrue(kubectlInstalled(), "kubectl is not installed");
        Manifests rendered = Manifests.of(kustomize(KubernetesTest.EXTERNAL), "kubectl kustomize k8s/overlays/external-datastores");
        KubernetesTest.readServices();
        assertThat(KubernetesTest.problems(rendered)).isEmpty();
        assertThat(rendered.all(StatefulSet.class)).isEmpty();
        assertThat(rendered.get(ConfigMap.class, "wfchat-config").getData().get("database-jdbc-url")).contains("db.example.com");
        // This module's own reading of the overlay gives the same objects.
        Manifests own = Manifests.kustomize(KubernetesTest.EXTERNAL);
        assertThat(rendered.resources).extracting(r -> r.kind() + "/" + r.name())
                .containsExactlyInAnyOrderElementsOf(own.resources.stream().map(r -> r.kind() + "/" + r.name()).toList());
    }
}
