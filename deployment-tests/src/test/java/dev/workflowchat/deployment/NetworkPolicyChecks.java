package dev.workflowchat.deployment;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The NetworkPolicies of an install: each must select pods and ports that exist, and together they must
 * let exactly the intended peers in, port by port. Access is worked out as Kubernetes does: a pod no
 * policy selects takes anything; a selected pod takes what one of its policies' ingress rules allows.
 */
final class NetworkPolicyChecks {

    static final String AGENT_LABEL = "workflow-chat.dev/agent";
    static final String SCRAPER_LABEL = "workflow-chat.dev/metrics-scraper";
    static final String NAME_LABEL = KubernetesChecks.NAME_LABEL;

    /** A pod that opens a connection: in the install's namespace or in another, with its labels. */
    record Peer(String description, boolean inNamespace, String namespace, Map<String, String> labels) {
        static Peer inside(String description, Map<String, String> labels) {
            return new Peer(description, true, null, labels);
        }

        static Peer elsewhere(String description, String namespace, Map<String, String> labels) {
            return new Peer(description, false, namespace, labels);
        }

        Map<String, String> namespaceLabels(String installNamespace) {
            return Map.of("kubernetes.io/metadata.name", inNamespace ? installNamespace : namespace);
        }

        boolean isService() {
            return labels.containsKey(NAME_LABEL) && Repo.SERVICES.contains(labels.get(NAME_LABEL));
        }
    }

    private final Map<String, PodTemplateSpec> pods = new LinkedHashMap<>();
    private final List<NetworkPolicy> policies;
    private final List<String> problems = new ArrayList<>();

    private NetworkPolicyChecks(Manifests m) {
        m.all(Deployment.class).forEach(d -> pods.put(d.getMetadata().getName(), d.getSpec().getTemplate()));
        m.all(StatefulSet.class).forEach(s -> pods.put(s.getMetadata().getName(), s.getSpec().getTemplate()));
        policies = m.all(NetworkPolicy.class);
    }

    static List<String> problems(Manifests m) {
        NetworkPolicyChecks checks = new NetworkPolicyChecks(m);
        checks.structure();
        checks.access();
        return checks.problems;
    }

    /** Whether a peer may open that port of that pod. */
    static boolean allows(Manifests m, Peer peer, String podName, String portName) {
        NetworkPolicyChecks checks = new NetworkPolicyChecks(m);
        PodTemplateSpec pod = checks.pods.get(podName);
        return checks.allows(peer, pod, port(pod, portName));
    }

    private void structure() {
        if (policies.stream().noneMatch(p -> isEmpty(p.getSpec().getPodSelector()) && ingressType(p)
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()))) {
            problems.add("NetworkPolicy: no default-deny of ingress (podSelector {}, policyTypes [Ingress], no rules)");
        }
        for (NetworkPolicy policy : policies) {
            String what = "NetworkPolicy/" + policy.getMetadata().getName();
            List<PodTemplateSpec> selected = pods.values().stream().filter(p -> matches(policy.getSpec().getPodSelector(), labels(p))).toList();
            if (selected.isEmpty()) {
                problems.add(what + ": podSelector selects no pod of a Deployment or StatefulSet here");
                continue;
            }
            for (NetworkPolicyIngressRule rule : rules(policy)) {
                for (NetworkPolicyPort port : rule.getPorts() == null ? List.<NetworkPolicyPort>of() : rule.getPorts()) {
                    if (port.getPort() != null && selected.stream().anyMatch(p -> port(p, port) == null)) {
                        problems.add(what + ": port " + port.getPort().getValue() + " is not a container port of every pod it selects");
                    }
                }
                for (NetworkPolicyPeer from : rule.getFrom() == null ? List.<NetworkPolicyPeer>of() : rule.getFrom()) {
                    LabelSelector selector = from.getPodSelector();
                    boolean ownPods = from.getNamespaceSelector() == null && selector != null && !isEmpty(selector);
                    boolean operatorLabels = selector != null && selector.getMatchLabels() != null && !selector.getMatchLabels().isEmpty()
                            && Set.of(AGENT_LABEL, SCRAPER_LABEL).containsAll(selector.getMatchLabels().keySet());
                    if (ownPods && !operatorLabels && pods.values().stream().noneMatch(p -> matches(selector, labels(p)))) {
                        problems.add(what + ": a peer's podSelector selects no pod here: " + selector);
                    }
                }
            }
        }
    }

    /** Every container port of every pod, tried from each kind of peer, against what it should take. */
    private void access() {
        List<Peer> peers = new ArrayList<>();
        pods.forEach((name, pod) -> peers.add(Peer.inside(name, labels(pod))));
        peers.add(Peer.inside("a pod labelled as an agent", Map.of(AGENT_LABEL, "true")));
        peers.add(Peer.inside("an unlabelled pod of the namespace", Map.of()));
        peers.add(Peer.elsewhere("the Ingress controller", "ingress-nginx", Map.of(NAME_LABEL, "ingress-nginx")));
        peers.add(Peer.elsewhere("a labelled scraper in another namespace", "monitoring", Map.of(SCRAPER_LABEL, "true")));
        peers.add(Peer.elsewhere("an agent-labelled pod in another namespace", "agents", Map.of(AGENT_LABEL, "true")));
        pods.forEach((name, pod) -> pod.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? Stream.<ContainerPort>empty() : c.getPorts().stream())
                .forEach(port -> peers.forEach(peer -> {
                    boolean allowed = allows(peer, pod, port);
                    if (allowed != intended(name, port.getName(), peer)) {
                        problems.add("NetworkPolicy: " + name + " port " + port.getName() + " (" + port.getContainerPort() + ") is "
                                + (allowed ? "open" : "closed") + " to " + peer.description() + ", which it must not be");
                    }
                })));
    }

    /** Who should reach what: the chat from anywhere, /q/* from the namespace and scrapers, Redis and PostgreSQL from their clients. */
    static boolean intended(String pod, String portName, Peer peer) {
        if ("management".equals(portName)) {
            return peer.inNamespace() || "true".equals(peer.labels().get(SCRAPER_LABEL));
        }
        return switch (pod + "/" + portName) {
            case "chat-service/http" -> true;
            case "redis/redis" -> peer.inNamespace() && (peer.isService() || "true".equals(peer.labels().get(AGENT_LABEL)));
            case "postgres/postgres" -> peer.inNamespace() && Repo.DATABASE_CLIENTS.contains(peer.labels().getOrDefault(NAME_LABEL, ""));
            default -> false;
        };
    }

    private boolean allows(Peer peer, PodTemplateSpec pod, ContainerPort port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> ingressType(p) && matches(p.getSpec().getPodSelector(), labels(pod))).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        String namespace = selecting.get(0).getMetadata().getNamespace() == null ? "workflow-chat" : selecting.get(0).getMetadata().getNamespace();
        return selecting.stream().flatMap(p -> rules(p).stream())
                .anyMatch(rule -> fromMatches(rule, peer, namespace) && portMatches(rule, port));
    }

    private static boolean fromMatches(NetworkPolicyIngressRule rule, Peer peer, String namespace) {
        if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
            return true;
        }
        return rule.getFrom().stream().anyMatch(from -> {
            if (from.getIpBlock() != null) {
                return false; // addresses, not pods: nothing here relies on one
            }
            boolean namespaceOk = from.getNamespaceSelector() == null
                    ? peer.inNamespace()
                    : matches(from.getNamespaceSelector(), peer.namespaceLabels(namespace));
            return namespaceOk && (from.getPodSelector() == null || matches(from.getPodSelector(), peer.labels()));
        });
    }

    private static boolean portMatches(NetworkPolicyIngressRule rule, ContainerPort port) {
        return rule.getPorts() == null || rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(p -> matches(p, port));
    }

    private static boolean matches(NetworkPolicyPort rule, ContainerPort port) {
        String protocol = rule.getProtocol() == null ? "TCP" : rule.getProtocol();
        if (!protocol.equals(port.getProtocol() == null ? "TCP" : port.getProtocol())) {
            return false;
        }
        if (rule.getPort() == null) {
            return true;
        }
        if (rule.getPort().getStrVal() != null) {
            return rule.getPort().getStrVal().equals(port.getName());
        }
        int from = rule.getPort().getIntVal();
        int to = rule.getEndPort() == null ? from : rule.getEndPort();
        return port.getContainerPort() >= from && port.getContainerPort() <= to;
    }

    /** The matchLabels and matchExpressions of a selector; an empty selector matches everything. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        if (selector.getMatchLabels() != null && !labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
            return false;
        }
        for (LabelSelectorRequirement r : selector.getMatchExpressions() == null ? List.<LabelSelectorRequirement>of() : selector.getMatchExpressions()) {
            String value = labels.get(r.getKey());
            boolean ok = switch (r.getOperator()) {
                case "In" -> value != null && r.getValues().contains(value);
                case "NotIn" -> value == null || !r.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator " + r.getOperator());
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isEmpty(LabelSelector selector) {
        return selector != null && (selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty())
                && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty());
    }

    /** Ingress is a policy type when listed, and by default (no policyTypes) always. */
    private static boolean ingressType(NetworkPolicy p) {
        List<String> types = p.getSpec().getPolicyTypes();
        return types == null || types.isEmpty() || types.contains("Ingress");
    }

    private static List<NetworkPolicyIngressRule> rules(NetworkPolicy p) {
        return p.getSpec().getIngress() == null ? List.of() : p.getSpec().getIngress();
    }

    private static Map<String, String> labels(PodTemplateSpec pod) {
        return Manifests.labels(pod.getMetadata().getLabels());
    }

    private static ContainerPort port(PodTemplateSpec pod, String name) {
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts().stream())
                .filter(p -> name.equals(p.getName())).findFirst().orElseThrow(() -> new IllegalArgumentException("no port " + name));
    }

    private static ContainerPort port(PodTemplateSpec pod, NetworkPolicyPort rule) {
        return pod.getSpec().getContainers().stream().flatMap(c -> c.getPorts() == null ? Stream.empty() : c.getPorts().stream())
                .filter(p -> matches(rule, p)).findFirst().orElse(null);
    }
}
