package dev.workflowchat.deployment;

import static dev.workflowchat.deployment.NetworkPolicyChecks.AGENT_LABEL;
import static dev.workflowchat.deployment.NetworkPolicyChecks.SCRAPER_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.workflowchat.deployment.NetworkPolicyChecks.Peer;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** k8s/base/network-policy.yaml: who reaches which port, worked out from the policies as Kubernetes does. */
class NetworkPolicyTest {

    static final Peer AGENT = Peer.inside("agent", Map.of(AGENT_LABEL, "true"));
    static final Peer NEIGHBOUR = Peer.inside("unlabelled", Map.of());
    static final Peer INGRESS_CONTROLLER = Peer.elsewhere("ingress", "ingress-nginx", Map.of("app.kubernetes.io/name", "ingress-nginx"));
    static final Peer SCRAPER = Peer.elsewhere("prometheus", "monitoring", Map.of(SCRAPER_LABEL, "true"));
    static final Peer STRANGER = Peer.elsewhere("stranger", "other", Map.of());
    static final Peer REMOTE_AGENT = Peer.elsewhere("remote agent", "other", Map.of(AGENT_LABEL, "true"));

    static Peer service(String name) {
        return Peer.inside(name, Map.of("app.kubernetes.io/name", name));
    }

    static final Manifests BASE = Manifests.kustomize(KubernetesTest.BASE);

    static boolean reaches(Peer peer, String pod, String port) {
        return NetworkPolicyChecks.allows(BASE, peer, pod, port);
    }

    @Test
    void redisTakesOnlyTheServicesAndLabelledAgents() {
        assertThat(Repo.SERVICES).allMatch(s -> reaches(service(s), "redis", "redis"));
        assertThat(reaches(AGENT, "redis", "redis")).isTrue();
        assertThat(reaches(NEIGHBOUR, "redis", "redis")).isFalse();
        assertThat(reaches(REMOTE_AGENT, "redis", "redis")).isFalse();
        assertThat(reaches(service("postgres"), "redis", "redis")).isFalse();
    }

    @Test
    void postgresTakesOnlyTheServicesThatKeepARecordThere() {
        assertThat(reaches(service("chat-service"), "postgres", "postgres")).isTrue();
        assertThat(reaches(service("state-broadcaster"), "postgres", "postgres")).isTrue();
        assertThat(reaches(service("discord-bridge"), "postgres", "postgres")).isFalse();
        assertThat(reaches(service("redis"), "postgres", "postgres")).isFalse();
        assertThat(reaches(AGENT, "postgres", "postgres")).isFalse();
        assertThat(reaches(NEIGHBOUR, "postgres", "postgres")).isFalse();
    }

    @Test
    void theChatIsOpenAndTheManagementPortsAreNot() {
        assertThat(reaches(INGRESS_CONTROLLER, "chat-service", "http")).isTrue();
        assertThat(reaches(STRANGER, "chat-service", "http")).isTrue();
        for (String service : Repo.SERVICES) {
            assertThat(reaches(STRANGER, service, "management")).as(service).isFalse();
            assertThat(reaches(INGRESS_CONTROLLER, service, "management")).as(service).isFalse();
            assertThat(reaches(SCRAPER, service, "management")).as(service).isTrue();
            assertThat(reaches(NEIGHBOUR, service, "management")).as(service).isTrue();
        }
        assertThat(reaches(STRANGER, "state-broadcaster", "http")).isFalse();
        assertThat(reaches(NEIGHBOUR, "state-broadcaster", "http")).isFalse();
    }

    // The checker, on the real base with one fault put in each time.

    private static List<String> broken(Consumer<Manifests> fault) {
        Manifests base = Manifests.kustomize(KubernetesTest.BASE);
        fault.accept(base);
        return NetworkPolicyChecks.problems(base);
    }

    private static NetworkPolicy policy(Manifests m, String name) {
        return m.get(NetworkPolicy.class, name);
    }

    @Test
    void theBaseHasNoProblem() {
        assertThat(NetworkPolicyChecks.problems(BASE)).isEmpty();
    }

    @Test
    void aPolicyOfNothingOrOfAMissingPortIsCaught() {
        assertThat(broken(m -> policy(m, "postgres").getSpec().getPodSelector().getMatchLabels().put("app.kubernetes.io/name", "pg")))
                .anyMatch(p -> p.contains("NetworkPolicy/postgres: podSelector selects no pod"));
        assertThat(broken(m -> policy(m, "redis").getSpec().getIngress().get(0).getPorts().get(0).setPort(new IntOrString(6380))))
                .anyMatch(p -> p.contains("NetworkPolicy/redis: port 6380 is not a container port"));
        assertThat(broken(m -> policy(m, "postgres").getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
                .getMatchExpressions().get(0).setValues(List.of("chat", "state"))))
                .anyMatch(p -> p.contains("a peer's podSelector selects no pod here"));
        assertThat(broken(m -> m.resources.removeIf(r -> r.name().equals("default-deny-ingress"))))
                .anyMatch(p -> p.contains("no default-deny"));
    }

    @Test
    void tooMuchOrTooLittleAccessIsCaught() {
        assertThat(broken(m -> policy(m, "postgres").getSpec().getIngress().get(0).setFrom(List.of())))
                .anyMatch(p -> p.contains("postgres port postgres (5432) is open to discord-bridge"));
        assertThat(broken(m -> policy(m, "postgres").getSpec().getIngress().get(0).getFrom().get(0).getPodSelector()
                .getMatchExpressions().get(0).setValues(List.of("chat-service"))))
                .anyMatch(p -> p.contains("postgres port postgres (5432) is closed to state-broadcaster"));
        assertThat(broken(m -> policy(m, "redis").getSpec().getIngress().get(0).getFrom().remove(1)))
                .anyMatch(p -> p.contains("redis port redis (6379) is closed to a pod labelled as an agent"));
        assertThat(broken(m -> policy(m, "chat-service").getSpec().getIngress().get(0).setPorts(List.of())))
                .anyMatch(p -> p.contains("chat-service port management (9000) is open to the Ingress controller"));
        assertThat(broken(m -> policy(m, "management").getSpec().getIngress().get(0).getFrom().add(
                new NetworkPolicyPeer(null, new LabelSelector(), null))))
                .anyMatch(p -> p.contains("is open to an agent-labelled pod in another namespace"));
        assertThat(broken(m -> m.resources.removeIf(r -> r.name().equals("chat-service") && r.kind().equals("NetworkPolicy"))))
                .anyMatch(p -> p.contains("chat-service port http (8080) is closed to the Ingress controller"));
    }
}
