package dev.workflowchat.deployment;

import dev.workflowchat.protocol.text.EditDistance;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The configuration one service reads, as property names, and whether an environment variable names
 * one of them. The names come from the service's own sources: its application.properties (profile
 * prefixes dropped), its {@code @ConfigMapping} interfaces, and the few standard Quarkus keys every
 * service takes without setting them; plus the variables its image's start command reads (JAVA_OPTS).
 *
 * <p>An environment variable is matched the way SmallRye Config does it: a property's variable is its
 * name with every character that is not a letter or digit replaced by '_' and upper-cased, so
 * {@code wfchat.redis.prefix} is {@code WFCHAT_REDIS_PREFIX} and
 * {@code quarkus.log.category."net.dv8tion".level} is {@code QUARKUS_LOG_CATEGORY__NET_DV8TION__LEVEL}.
 * A {@code *} segment (a map key) matches any run of such characters.
 */
final class ServiceConfig {

    /** Standard Quarkus keys the services take although their properties don't set them. */
    static final List<String> STANDARD_QUARKUS_KEYS = List.of(
            "quarkus.http.port", "quarkus.http.host", "quarkus.profile",
            "quarkus.log.level", "quarkus.log.category.*.level",
            "quarkus.redis.hosts",
            // how the Redis client finds Redis: one node, Sentinel or Cluster (docs/operations.md; the ha overlay)
            "quarkus.redis.client-type", "quarkus.redis.master-name", "quarkus.redis.role");

    /** Standard Quarkus datasource keys, for the service that has a database. */
    static final List<String> DATASOURCE_KEYS = List.of(
            "quarkus.datasource.username", "quarkus.datasource.password",
            "quarkus.datasource.jdbc.url", "quarkus.datasource.reactive.url");

    private static final Pattern PROFILE = Pattern.compile("^%[^.]+\\.");

    final String name;
    final Set<String> properties;
    final Set<String> launcherVariables;
    final int httpPort;
    /** The management interface's port (quarkus.management.port): /q/health, /q/metrics and the API docs. */
    final int managementPort;

    ServiceConfig(String name, Collection<String> properties, Collection<String> launcherVariables, int httpPort,
                  int managementPort) {
        this.name = name;
        this.properties = new TreeSet<>(properties);
        this.launcherVariables = new TreeSet<>(launcherVariables);
        this.httpPort = httpPort;
        this.managementPort = managementPort;
    }

    /** What the module of that name reads, from its sources in the repository. */
    static ServiceConfig of(String module) {
        Path dir = Repo.path(module);
        Properties properties = loadProperties(dir.resolve("src/main/resources/application.properties"));
        Set<String> keys = new LinkedHashSet<>(propertyNames(properties));
        keys.addAll(STANDARD_QUARKUS_KEYS);
        if (keys.stream().anyMatch(k -> k.startsWith("quarkus.datasource."))) {
            keys.addAll(DATASOURCE_KEYS);
        }
        keys.addAll(mappingProperties(dir.resolve("src/main/java")));
        Path dockerfile = dir.resolve("src/main/docker/Dockerfile.jvm");
        Set<String> launcher = Files.exists(dockerfile) ? Dockerfile.parse(Repo.read(dockerfile)).startCommandVariables() : Set.of();
        return new ServiceConfig(module, keys, launcher, Integer.parseInt(properties.getProperty("quarkus.http.port")),
                managementPort(module, properties));
    }

    /** The port /q/* is served on: the deployment files probe and scrape it, and never publish it. */
    private static int managementPort(String module, Properties properties) {
        String port = properties.getProperty("quarkus.management.port");
        if (!"true".equals(properties.getProperty("quarkus.management.enabled")) || port == null) {
            throw new IllegalStateException(module + ": application.properties does not enable the management interface "
                    + "(quarkus.management.enabled=true, quarkus.management.port)");
        }
        return Integer.parseInt(port);
    }

    static Properties loadProperties(Path file) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(Repo.read(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    /** The keys of a properties file, each profile's ({@code %test.x}) counted as its plain key. */
    static Set<String> propertyNames(Properties properties) {
        return properties.stringPropertyNames().stream()
                .map(key -> PROFILE.matcher(key).replaceFirst(""))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * The property names of every {@code @ConfigMapping} interface under a source folder. Its groups and
     * enums may be declared in other files of its package (a settings split by area), so those files are
     * read after it.
     */
    static Set<String> mappingProperties(Path sources) {
        Set<String> keys = new TreeSet<>();
        try (Stream<Path> files = Files.walk(sources)) {
            List<Path> all = files.filter(f -> f.toString().endsWith(".java")).toList();
            for (Path file : all) {
                String source = Repo.read(file);
                if (ConfigMappingSource.declaresMapping(source)) {
                    StringBuilder withPackage = new StringBuilder(source);
                    all.stream().filter(f -> !f.equals(file) && f.getParent().equals(file.getParent()))
                            .forEach(f -> withPackage.append('\n').append(Repo.read(f)));
                    keys.addAll(ConfigMappingSource.propertyNames(withPackage.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return keys;
    }

    /** The environment variable SmallRye Config reads for a property name. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    /** A property name that an environment variable reads as (for messages; map keys are ambiguous). */
    static String propertyName(String env) {
        return env.toLowerCase().replace("__", ".\"").replace('_', '.');
    }

    private static Pattern envPattern(String property) {
        String regex = Stream.of(property.split("\\.(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"))
                .map(segment -> segment.equals("*") ? "[A-Z0-9_]+" : Pattern.quote(envName(segment)))
                .collect(Collectors.joining("_"));
        return Pattern.compile(regex);
    }

    /** Whether the service reads this environment variable. */
    boolean reads(String env) {
        return launcherVariables.contains(env)
                || properties.stream().anyMatch(p -> p.contains("*") ? envPattern(p).matcher(env).matches() : envName(p).equals(env));
    }

    /** A problem for each variable the service does not read, with the nearest one it does. */
    List<String> unknownVariables(Collection<String> envNames, String where) {
        List<String> problems = new ArrayList<>();
        for (String env : envNames) {
            if (!reads(env)) {
                String nearest = properties.stream().filter(p -> !p.contains("*")).map(ServiceConfig::envName)
                        .min(Comparator.comparingInt(candidate -> EditDistance.between(candidate, env))).orElse("?");
                problems.add(where + ": " + env + " (" + propertyName(env) + ") is not a config key " + name
                        + " reads; nearest: " + nearest);
            }
        }
        return problems;
    }

    @Override
    public String toString() {
        return name + properties;
    }

}
