package dev.workflowchat.deployment;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What must hold of the Kubernetes objects of a Workflow Chat install, as a list of problems. */
final class KubernetesChecks {

    static final String NAME_LABEL = "app.kubernetes.io/name";

    /** How Redis starts in a container: the ACL file written by the one script, then redis-server reading it. */
    static final Pattern REDIS_START = Pattern.compile("\\bsh (\\S+)/acl-users\\.sh > (\\S+) && exec redis-server --aclfile \\2\\b.*");

    /** The placeholders people leave in for passwords, in any spelling. */
    static final Pattern PLACEHOLDER = Pattern.compile("(?i).*change[-_ ]?me.*");

    private final Manifests m;
    private final Map<String, ServiceConfig> services;
    private final Map<String, Integer> imageUids;
    private final List<String> problems = new ArrayList<>();

    private KubernetesChecks(Manifests m, Map<String, ServiceConfig> services, Map<String, Integer> imageUids) {
        this.m = m;
        this.services = services;
        this.imageUids = imageUids;
    }

    /**
     * @param services  the services' config, by Deployment (= module) name
     * @param imageUids the numeric USER of each service's image, by the same name
     */
    static List<String> problems(Manifests manifests, Map<String, ServiceConfig> services, Map<String, Integer> imageUids) {
        KubernetesChecks checks = new KubernetesChecks(manifests, services, imageUids);
        checks.problems.addAll(manifests.problems);
        checks.run();
        return checks.problems;
    }

    private void run() {
        for (Deployment d : m.all(Deployment.class)) {
            workload("Deployment/" + name(d), d.getSpec().getSelector(), d.getSpec().getTemplate());
        }
        for (StatefulSet s : m.all(StatefulSet.class)) {
            workload("StatefulSet/" + name(s), s.getSpec().getSelector(), s.getSpec().getTemplate());
            Service governing = m.get(Service.class, s.getSpec().getServiceName());
            if (governing == null || !"None".equals(governing.getSpec().getClusterIP())) {
                problems.add("StatefulSet/" + name(s) + ": serviceName " + s.getSpec().getServiceName() + " is not a headless Service");
            }
            if (s.getSpec().getVolumeClaimTemplates() == null || s.getSpec().getVolumeClaimTemplates().isEmpty()) {
                problems.add("StatefulSet/" + name(s) + ": no volumeClaimTemplates: its data would not persist");
            }
        }
        m.all(Service.class).forEach(this::service);
        m.all(Ingress.class).forEach(this::ingress);
        m.all(HorizontalPodAutoscaler.class).forEach(h -> {
            var target = h.getSpec().getScaleTargetRef();
            if (!"Deployment".equals(target.getKind()) || m.get(Deployment.class, target.getName()) == null) {
                problems.add("HorizontalPodAutoscaler/" + name(h) + ": scales " + target.getKind() + "/" + target.getName() + ", which is not here");
            }
        });
        m.all(PodDisruptionBudget.class).forEach(p -> {
            if (m.all(Deployment.class).stream().noneMatch(d -> selects(p.getSpec().getSelector().getMatchLabels(), d.getSpec().getTemplate()))) {
                problems.add("PodDisruptionBudget/" + name(p) + ": its selector matches no Deployment's pods");
            }
        });
        services.forEach(this::serviceDeployment);
        scaling();
        urlsNameServices();
        redisUsers();
        databaseRoles();
        secretValues();
        problems.addAll(NetworkPolicyChecks.problems(m));
        problems.addAll(ConnectionBudget.problems(m));
        if (m.namespace != null && m.get(Namespace.class, m.namespace) == null) {
            problems.add("the kustomization's namespace " + m.namespace + " is not created by a Namespace resource");
        }
        for (String image : m.images) {
            boolean used = m.all(Deployment.class).stream().flatMap(d -> d.getSpec().getTemplate().getSpec().getContainers().stream())
                    .anyMatch(c -> repository(c.getImage()).equals(image));
            if (!used) {
                problems.add("kustomization images: " + image + " is used by no container");
            }
        }
    }

    private void workload(String what, LabelSelector selector, PodTemplateSpec template) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            problems.add(what + ": no selector.matchLabels");
        } else if (!selects(selector.getMatchLabels(), template)) {
            problems.add(what + ": selector " + selector.getMatchLabels() + " does not match its template's labels "
                    + template.getMetadata().getLabels());
        }
        PodSecurityContext pod = template.getSpec().getSecurityContext();
        for (Container c : template.getSpec().getContainers()) {
            boolean nonRoot = pod != null && Boolean.TRUE.equals(pod.getRunAsNonRoot())
                    || c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot());
            if (!nonRoot) {
                problems.add(what + ": container " + c.getName() + " may run as root (no runAsNonRoot: true)");
            }
            if (c.getSecurityContext() == null || !Boolean.FALSE.equals(c.getSecurityContext().getAllowPrivilegeEscalation())) {
                problems.add(what + ": container " + c.getName() + " allows privilege escalation");
            }
            var resources = c.getResources();
            if (resources == null || resources.getRequests() == null || !resources.getRequests().keySet().containsAll(Set.of("cpu", "memory"))
                    || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
                problems.add(what + ": container " + c.getName() + " lacks cpu/memory requests or a memory limit");
            } else {
                for (var q : List.of(resources.getRequests(), resources.getLimits())) {
                    q.forEach((k, v) -> {
                        try {
                            Quantity.getAmountInBytes(v);
                        } catch (RuntimeException e) {
                            problems.add(what + ": " + k + " " + v + " is not a quantity");
                        }
                    });
                }
                Quantity request = resources.getRequests().get("memory");
                Quantity limit = resources.getLimits().get("memory");
                if (Quantity.getAmountInBytes(request).compareTo(Quantity.getAmountInBytes(limit)) > 0) {
                    problems.add(what + ": memory request above its limit");
                }
            }
            for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                reference(what, env);
            }
        }
    }

    /** A configMapKeyRef or secretKeyRef names an object here that has the key. */
    private void reference(String what, EnvVar env) {
        if (env.getValueFrom() == null) {
            return;
        }
        var configRef = env.getValueFrom().getConfigMapKeyRef();
        if (configRef != null) {
            ConfigMap map = m.get(ConfigMap.class, configRef.getName());
            if (map == null || map.getData() == null || !map.getData().containsKey(configRef.getKey())) {
                problems.add(what + ": " + env.getName() + " reads ConfigMap " + configRef.getName() + " key " + configRef.getKey() + ", which is not there");
            }
        }
        var secretRef = env.getValueFrom().getSecretKeyRef();
        // an optional key (Web Push's VAPID keys) may be absent: the variable is then unset, as Kubernetes does
        if (secretRef != null && !Boolean.TRUE.equals(secretRef.getOptional())
                && !secretKeys(secretRef.getName()).containsKey(secretRef.getKey())) {
            problems.add(what + ": " + env.getName() + " reads Secret " + secretRef.getName() + " key " + secretRef.getKey() + ", which is not there");
        }
    }

    private Map<String, String> secretKeys(String name) {
        Secret secret = m.get(Secret.class, name);
        Map<String, String> keys = new LinkedHashMap<>();
        if (secret != null) {
            if (secret.getData() != null) {
                // MIME: kustomize folds a long base64 value over several lines.
                secret.getData().forEach((k, v) -> keys.put(k, new String(Base64.getMimeDecoder().decode(v))));
            }
            if (secret.getStringData() != null) {
                keys.putAll(secret.getStringData());
            }
        }
        return keys;
    }

    private void service(Service s) {
        String what = "Service/" + name(s);
        Map<String, String> selector = s.getSpec().getSelector();
        List<PodTemplateSpec> pods = new ArrayList<>();
        m.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        m.all(StatefulSet.class).forEach(st -> pods.add(st.getSpec().getTemplate()));
        List<PodTemplateSpec> selected = pods.stream().filter(p -> selector != null && !selector.isEmpty() && selects(selector, p)).toList();
        if (selected.isEmpty()) {
            problems.add(what + ": selector " + selector + " matches no Deployment's or StatefulSet's pods");
            return;
        }
        for (ServicePort port : s.getSpec().getPorts()) {
            IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
            for (PodTemplateSpec pod : selected) {
                if (containerPort(pod, target) == null) {
                    problems.add(what + ": targetPort " + target.getValue() + " is not a container port of the pods it selects");
                }
            }
        }
    }

    private void ingress(Ingress ingress) {
        String what = "Ingress/" + name(ingress);
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            IngressServiceBackend backend = path.getBackend().getService();
            Service service = backend == null ? null : m.get(Service.class, backend.getName());
            if (service == null) {
                problems.add(what + ": backend " + (backend == null ? "?" : backend.getName()) + " is not a Service here");
                return;
            }
            boolean portFound = service.getSpec().getPorts().stream().anyMatch(p -> backend.getPort().getName() != null
                    ? backend.getPort().getName().equals(p.getName())
                    : Objects.equals(backend.getPort().getNumber(), p.getPort()));
            if (!portFound) {
                problems.add(what + ": backend port " + backend.getPort() + " is not a port of Service " + backend.getName());
                return;
            }
            ServicePort routed = service.getSpec().getPorts().stream().filter(p -> backend.getPort().getName() != null
                    ? backend.getPort().getName().equals(p.getName())
                    : Objects.equals(backend.getPort().getNumber(), p.getPort())).findFirst().orElseThrow();
            if (routesManagement(service, routed)) {
                problems.add(what + ": routes Service " + backend.getName() + " port " + routed.getName()
                        + ", a management port (/q/health, /q/metrics, /q/openapi): only http may be public");
            }
        }));
        Map<String, String> annotations = ingress.getMetadata().getAnnotations() == null ? Map.of() : ingress.getMetadata().getAnnotations();
        for (String timeout : List.of("nginx.ingress.kubernetes.io/proxy-read-timeout", "nginx.ingress.kubernetes.io/proxy-send-timeout")) {
            String value = annotations.get(timeout);
            if (value == null || !value.matches("\\d+") || Integer.parseInt(value) < 300) {
                problems.add(what + ": " + timeout + " is not a WebSocket-friendly timeout (>= 300s): " + value);
            }
        }
        if (annotations.containsKey("nginx.ingress.kubernetes.io/affinity")) {
            problems.add(what + ": sticky sessions are not needed (replicas fan out through Redis)");
        }
    }

    /** Each service's Deployment: its port, probes, env names, image, user. */
    private void serviceDeployment(String name, ServiceConfig config) {
        Deployment d = m.get(Deployment.class, name);
        String what = "Deployment/" + name;
        if (d == null) {
            problems.add(what + ": missing");
            return;
        }
        var pod = d.getSpec().getTemplate().getSpec();
        Container c = pod.getContainers().stream().filter(x -> x.getName().equals(name)).findFirst().orElse(null);
        if (c == null) {
            problems.add(what + ": no container named " + name);
            return;
        }
        List<String> envNames = c.getEnv() == null ? List.of() : c.getEnv().stream().map(EnvVar::getName).toList();
        problems.addAll(config.unknownVariables(envNames, what));
        if (c.getEnvFrom() != null && !c.getEnvFrom().isEmpty()) {
            problems.add(what + ": envFrom hides which variables the service gets; map each key with env/valueFrom");
        }
        int port = envPort(c, "QUARKUS_HTTP_PORT", config.httpPort);
        int management = envPort(c, "QUARKUS_MANAGEMENT_PORT", config.managementPort);
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (c.getPorts() != null) {
            c.getPorts().forEach(p -> ports.put(p.getName(), p.getContainerPort()));
        }
        if (!ports.equals(Map.of("http", port, "management", management))) {
            problems.add(what + ": container ports " + ports + " are not the service's http " + port + " and management " + management);
        }
        probe(what, "livenessProbe", c.getLivenessProbe(), Set.of("/q/health/live"), c, management, true);
        probe(what, "readinessProbe", c.getReadinessProbe(), Set.of("/q/health/ready"), c, management, true);
        probe(what, "startupProbe", c.getStartupProbe(), Set.of("/q/health/live", "/q/health/started"), c, management, false);
        EnvVar redis = c.getEnv() == null ? null : c.getEnv().stream().filter(e -> e.getName().equals("QUARKUS_REDIS_HOSTS")).findFirst().orElse(null);
        if (redis == null || redis.getValueFrom() == null || redis.getValueFrom().getSecretKeyRef() == null
                || !redis.getValueFrom().getSecretKeyRef().getKey().equals("redis-hosts-" + name)) {
            problems.add(what + ": QUARKUS_REDIS_HOSTS does not come from its own Secret key redis-hosts-" + name);
        }
        if (!repository(c.getImage()).equals("workflow-chat/" + name)) {
            problems.add(what + ": image " + c.getImage() + " is not the one compose builds (workflow-chat/" + name + ")");
        }
        Integer uid = imageUids.get(name);
        Long runAs = pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser();
        if (c.getSecurityContext() != null && c.getSecurityContext().getRunAsUser() != null) {
            runAs = c.getSecurityContext().getRunAsUser();
        }
        if (uid != null && (runAs == null || runAs.intValue() != uid)) {
            problems.add(what + ": runAsUser " + runAs + " is not the image's USER " + uid);
        }
    }

    private void probe(String what, String kind, Probe probe, Set<String> paths, Container c, int port, boolean required) {
        if (probe == null) {
            if (required) {
                problems.add(what + ": no " + kind);
            }
            return;
        }
        HTTPGetAction get = probe.getHttpGet();
        if (get == null || !paths.contains(get.getPath())) {
            problems.add(what + ": " + kind + " is not an HTTP GET of " + paths + ": " + (get == null ? probe : get.getPath()));
            return;
        }
        ContainerPort target = containerPort(c, get.getPort());
        if (target == null || target.getContainerPort() != port) {
            problems.add(what + ": " + kind + " port " + get.getPort().getValue() + " is not the service's management port " + port);
        }
    }

    private void scaling() {
        Deployment chat = m.get(Deployment.class, "chat-service");
        if (chat != null) {
            if (m.all(HorizontalPodAutoscaler.class).stream().noneMatch(h -> "chat-service".equals(h.getSpec().getScaleTargetRef().getName()))) {
                problems.add("chat-service: no HorizontalPodAutoscaler");
            }
            if (m.all(PodDisruptionBudget.class).stream().noneMatch(p -> selects(p.getSpec().getSelector().getMatchLabels(), chat.getSpec().getTemplate()))) {
                problems.add("chat-service: no PodDisruptionBudget");
            }
            if (chat.getSpec().getReplicas() != null) {
                problems.add("chat-service: sets replicas although its HorizontalPodAutoscaler owns the count (apply would reset it)");
            }
        }
        for (String single : List.of("discord-bridge", "state-broadcaster")) {
            // each elects a leader: a second replica is its hot standby, and a rolling update that
            // replaces one at a time keeps one of them running
            Deployment d = m.get(Deployment.class, single);
            if (d != null && (d.getSpec().getReplicas() == null || d.getSpec().getReplicas() < 2
                    || !"RollingUpdate".equals(d.getSpec().getStrategy().getType()))) {
                problems.add(single + ": must run a hot standby (replicas: 2 or more, strategy RollingUpdate)");
            }
            if (m.all(HorizontalPodAutoscaler.class).stream().anyMatch(h -> single.equals(h.getSpec().getScaleTargetRef().getName()))) {
                problems.add(single + ": must not be autoscaled");
            }
        }
    }

    /**
     * An address in the ConfigMap or Secret whose host is a bare name (no dots: an in-cluster Service)
     * must be a Service here, on a port it has: so an overlay that removes the in-cluster PostgreSQL
     * cannot leave the services pointed at it, and the allowed origin is the Ingress host.
     */
    private void urlsNameServices() {
        Map<String, String> values = new LinkedHashMap<>();
        m.all(ConfigMap.class).forEach(c -> {
            if (c.getData() != null) {
                c.getData().forEach((k, v) -> values.put("ConfigMap/" + name(c) + " " + k, v));
            }
        });
        m.all(Secret.class).forEach(s -> secretKeys(name(s)).forEach((k, v) -> values.put("Secret/" + name(s) + " " + k, v)));
        values.forEach((where, value) -> {
            if (value == null || !value.matches("[a-z]+(:[a-z]+)?://.*")) {
                return;
            }
            URI uri;
            try {
                uri = URI.create(value.replaceFirst("^jdbc:", ""));
            } catch (IllegalArgumentException e) {
                problems.add(where + ": not a URL: " + value);
                return;
            }
            String host = uri.getHost();
            if (host != null && !host.contains(".") && !host.equals("localhost")) {
                Service service = m.get(Service.class, host);
                if (service == null) {
                    problems.add(where + ": " + value + " names Service " + host + ", which is not here");
                } else if (uri.getPort() != -1 && service.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == uri.getPort())) {
                    problems.add(where + ": " + value + " uses a port Service " + host + " does not have");
                }
            }
        });
        m.all(ConfigMap.class).forEach(c -> {
            String origins = c.getData() == null ? null : c.getData().get("allowed-origins");
            if (origins != null) {
                m.all(Ingress.class).forEach(i -> i.getSpec().getRules().forEach(rule -> {
                    if (!List.of(origins.split(",")).contains("https://" + rule.getHost())) {
                        problems.add("ConfigMap/" + name(c) + " allowed-origins " + origins + " lacks the Ingress host https://" + rule.getHost());
                    }
                }));
            }
        });
    }

    private static int envPort(Container c, String variable, int configured) {
        return c.getEnv() == null ? configured : c.getEnv().stream().filter(e -> e.getName().equals(variable) && e.getValue() != null)
                .map(e -> Integer.parseInt(e.getValue())).findFirst().orElse(configured);
    }

    /** Whether a Service port leads to a container port named management or on a service's management port. */
    private boolean routesManagement(Service service, ServicePort port) {
        IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
        Set<Integer> managementPorts = new HashSet<>();
        services.values().forEach(s -> managementPorts.add(s.managementPort));
        List<PodTemplateSpec> pods = new ArrayList<>();
        m.all(Deployment.class).forEach(d -> pods.add(d.getSpec().getTemplate()));
        return pods.stream().filter(p -> selects(service.getSpec().getSelector(), p)).map(p -> containerPort(p, target))
                .filter(Objects::nonNull)
                .anyMatch(p -> "management".equals(p.getName()) || managementPorts.contains(p.getContainerPort()));
    }

    /**
     * Redis: its ACL users come from the one script (mounted from a ConfigMap holding exactly
     * k8s/base/redis/acl-users.sh), from the passwords each service's URL carries; its probes log in.
     */
    private void redisUsers() {
        StatefulSet redis = m.get(StatefulSet.class, "redis");
        Map<String, String> servicePasswords = new LinkedHashMap<>();
        for (String name : services.keySet()) {
            Deployment d = m.get(Deployment.class, name);
            String url = d == null ? null : envValue(d.getSpec().getTemplate().getSpec().getContainers().get(0), "QUARKUS_REDIS_HOSTS");
            if (url == null) {
                continue; // no such key: reported with the Deployment's references
            }
            String[] user = userInfo(url);
            if (user == null || !user[0].equals(name)) {
                problems.add("Deployment/" + name + ": its Redis URL does not log in as its own ACL user " + name);
            } else {
                servicePasswords.put(name, user[1]);
            }
        }
        if (redis == null) {
            return;
        }
        String what = "StatefulSet/redis";
        Container c = redis.getSpec().getTemplate().getSpec().getContainers().get(0);
        List<String> command = new ArrayList<>();
        if (c.getCommand() != null) {
            command.addAll(c.getCommand());
        }
        if (c.getArgs() != null) {
            command.addAll(c.getArgs());
        }
        Matcher start = REDIS_START.matcher(String.join(" ", command));
        if (!start.find()) {
            problems.add(what + ": does not write its ACL file with acl-users.sh and start redis-server --aclfile on it: " + command);
        } else {
            ConfigMap script = mountedConfigMap(redis.getSpec().getTemplate(), c, start.group(1));
            if (script == null || !Repo.read(Repo.path(Scripts.ACL_USERS)).equals(script.getData().get("acl-users.sh"))) {
                problems.add(what + ": " + start.group(1) + "/acl-users.sh is not mounted from a ConfigMap holding " + Scripts.ACL_USERS);
            }
        }
        servicePasswords.forEach((name, password) -> {
            String variable = "WFCHAT_REDIS_PASSWORD_" + name.toUpperCase().replace('-', '_');
            if (!password.equals(envValue(c, variable))) {
                problems.add(what + ": " + variable + " is not the password in " + name + "'s Redis URL");
            }
        });
        for (Probe probe : Arrays.asList(c.getLivenessProbe(), c.getReadinessProbe())) {
            String exec = probe == null || probe.getExec() == null ? "" : String.join(" ", probe.getExec().getCommand());
            if (!exec.contains("redis-cli") || !exec.contains("--user")) {
                problems.add(what + ": a probe does not log in (the default user is off): " + exec);
            }
        }
    }

    /**
     * PostgreSQL: each service with a database reads the same URLs and its own Secret keys, so an overlay
     * sets them once; with the in-cluster PostgreSQL, init-roles.sh (from a ConfigMap holding exactly that
     * file) creates each service's role, and each logs in as its role with the password the script was given.
     */
    private void databaseRoles() {
        StatefulSet postgres = m.get(StatefulSet.class, "postgres");
        Container db = postgres == null ? null : postgres.getSpec().getTemplate().getSpec().getContainers().get(0);
        if (db != null) {
            ConfigMap init = mountedConfigMap(postgres.getSpec().getTemplate(), db, "/docker-entrypoint-initdb.d");
            if (init == null || init.getData() == null || !init.getData().containsValue(Repo.read(Repo.path(Scripts.INIT_ROLES)))) {
                problems.add("StatefulSet/postgres: /docker-entrypoint-initdb.d is not a ConfigMap holding " + Scripts.INIT_ROLES);
            }
        }
        for (String name : Repo.DATABASE_CLIENTS) {
            Deployment d = m.get(Deployment.class, name);
            if (d == null) {
                continue; // reported with the Deployments
            }
            String what = "Deployment/" + name;
            Container service = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            String suffix = name.equals("chat-service") ? "" : "-" + name;
            Map<String, String> sources = Map.of(
                    "QUARKUS_DATASOURCE_REACTIVE_URL", "ConfigMap key database-reactive-url",
                    "QUARKUS_DATASOURCE_JDBC_URL", "ConfigMap key database-jdbc-url",
                    "QUARKUS_DATASOURCE_USERNAME", "Secret key database-username" + suffix,
                    "QUARKUS_DATASOURCE_PASSWORD", "Secret key database-password" + suffix);
            sources.forEach((variable, source) -> {
                if (!source.equals(envSource(service, variable))) {
                    problems.add(what + ": " + variable + " does not come from its own " + source + " (" + envSource(service, variable) + ")");
                }
            });
            if (db == null) {
                continue;
            }
            String role = Scripts.databaseRole(name);
            if (!role.equals(envValue(service, "QUARKUS_DATASOURCE_USERNAME"))) {
                problems.add(what + ": logs in to PostgreSQL as " + envValue(service, "QUARKUS_DATASOURCE_USERNAME")
                        + ", not as its own role " + role + " that init-roles.sh creates");
            }
            String variable = "WFCHAT_DB_PASSWORD_" + name.toUpperCase().replace('-', '_');
            String password = envValue(service, "QUARKUS_DATASOURCE_PASSWORD");
            if (password == null || !password.equals(envValue(db, variable))) {
                problems.add("StatefulSet/postgres: " + variable + " is not the " + name + "'s QUARKUS_DATASOURCE_PASSWORD");
            }
        }
    }

    /** Where an env var is read from: "Secret key k", "ConfigMap key k" (the names are checked with the references), or its value. */
    private static String envSource(Container c, String name) {
        EnvVar env = c.getEnv() == null ? null : c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElse(null);
        if (env == null || env.getValueFrom() == null) {
            return env == null ? null : "value " + env.getValue();
        }
        var secret = env.getValueFrom().getSecretKeyRef();
        var config = env.getValueFrom().getConfigMapKeyRef();
        return secret != null ? "Secret key " + secret.getKey() : config != null ? "ConfigMap key " + config.getKey() : null;
    }

    /** No Secret holds a placeholder, nor a password shorter than the services accept. */
    private void secretValues() {
        m.all(Secret.class).forEach(s -> secretKeys(name(s)).forEach((key, value) -> {
            if (PLACEHOLDER.matcher(value).matches()) {
                problems.add("Secret/" + name(s) + " " + key + ": a placeholder, not a secret");
            } else if (key.matches(".*password(-[a-z-]+)?") && value.length() < 12) {
                problems.add("Secret/" + name(s) + " " + key + ": shorter than 12 characters");
            }
        }));
    }

    /** What an env var resolves to: its value, or the ConfigMap or Secret key it reads; null if neither is here. */
    private String envValue(Container c, String name) {
        EnvVar env = c.getEnv() == null ? null : c.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst().orElse(null);
        if (env == null) {
            return null;
        }
        if (env.getValueFrom() == null) {
            return env.getValue();
        }
        if (env.getValueFrom().getSecretKeyRef() != null) {
            return secretKeys(env.getValueFrom().getSecretKeyRef().getName()).get(env.getValueFrom().getSecretKeyRef().getKey());
        }
        if (env.getValueFrom().getConfigMapKeyRef() != null) {
            ConfigMap map = m.get(ConfigMap.class, env.getValueFrom().getConfigMapKeyRef().getName());
            return map == null || map.getData() == null ? null : map.getData().get(env.getValueFrom().getConfigMapKeyRef().getKey());
        }
        return null;
    }

    /** The ConfigMap behind the volume a container mounts at that path. */
    private ConfigMap mountedConfigMap(PodTemplateSpec pod, Container c, String mountPath) {
        VolumeMount mount = c.getVolumeMounts() == null ? null
                : c.getVolumeMounts().stream().filter(v -> v.getMountPath().equals(mountPath)).findFirst().orElse(null);
        Volume volume = mount == null || pod.getSpec().getVolumes() == null ? null
                : pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElse(null);
        return volume == null || volume.getConfigMap() == null ? null : m.get(ConfigMap.class, volume.getConfigMap().getName());
    }

    /** user and password of a redis:// or rediss:// URL, or null without both. */
    static String[] userInfo(String url) {
        try {
            String info = URI.create(url).getRawUserInfo();
            return info == null || !info.contains(":") ? null : info.split(":", 2);
        } catch (IllegalArgumentException notAUrl) {
            return null;
        }
    }

    static boolean selects(Map<String, String> selector, PodTemplateSpec template) {
        Map<String, String> labels = Manifests.labels(template.getMetadata().getLabels());
        return selector != null && !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    private static ContainerPort containerPort(PodTemplateSpec pod, IntOrString port) {
        return pod.getSpec().getContainers().stream().map(c -> containerPort(c, port)).filter(Objects::nonNull).findFirst().orElse(null);
    }

    private static ContainerPort containerPort(Container c, IntOrString port) {
        if (c.getPorts() == null || port == null) {
            return null;
        }
        return c.getPorts().stream().filter(p -> port.getStrVal() != null ? port.getStrVal().equals(p.getName())
                : Objects.equals(port.getIntVal(), p.getContainerPort())).findFirst().orElse(null);
    }

    static String repository(String image) {
        String withoutDigest = image.split("@")[0];
        int slash = withoutDigest.lastIndexOf('/');
        int colon = withoutDigest.lastIndexOf(':');
        return colon > slash ? withoutDigest.substring(0, colon) : withoutDigest;
    }

    private static String name(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return o.getMetadata().getName();
    }
}
