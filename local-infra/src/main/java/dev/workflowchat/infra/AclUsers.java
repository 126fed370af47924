package dev.workflowchat.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The Redis ACL users the deployment ships (k8s/base/redis/acl-users.sh), made in a shared test
 * Redis for one run's prefix: each {@code user <name> <rules…>} line the script prints becomes
 * {@code ACL SETUSER <name>-<suffix> <rules…>}, so runs don't meet; the {@code default} user is left
 * alone (switching it off would lock every other test out). Closing deletes the users.
 */
public final class AclUsers implements AutoCloseable {

    /** The script, from any module's directory (one or two levels below the repository). */
    public static final String SCRIPT = "k8s/base/redis/acl-users.sh";
    private static final Pattern REDIS_7_OR_LATER = Pattern.compile("redis_version:([7-9]|[1-9][0-9])\\.");

    private final RawRedis admin;
    private final RedisEndpoint redis;
    private final String suffix = "-" + UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> agentPasswords = new LinkedHashMap<>();
    private final Map<String, String> servicePasswords = Map.of("chat-service", newPassword(),
            "state-broadcaster", newPassword(), "discord-bridge", newPassword());
    private final List<String> created = new ArrayList<>();

    private AclUsers(RawRedis admin, RedisEndpoint redis) {
        this.admin = admin;
        this.redis = redis;
    }

    /** Whether the server has ACL key selectors ({@code %R~}, {@code %W~}): Redis 7 or later. */
    public static boolean supported(RawRedis admin) {
        return REDIS_7_OR_LATER.matcher(String.valueOf(admin.call("INFO", "server"))).find();
    }

    /** The services' users and one per agent named, for {@code prefix}, made through {@code admin}. */
    public static AclUsers create(RawRedis admin, RedisEndpoint redis, String prefix, List<String> agents) {
        AclUsers users = new AclUsers(admin, redis);
        agents.forEach(agent -> users.agentPasswords.put(agent, newPassword()));
        try {
            for (String line : scriptLines(prefix, users.servicePasswords, users.agentPasswords)) {
                String[] words = line.split(" ");
                if (!words[1].equals("default")) {
                    List<String> setUser = new ArrayList<>(List.of("ACL", "SETUSER", words[1] + users.suffix));
                    setUser.addAll(List.of(words).subList(2, words.length));
                    admin.call(setUser.toArray(String[]::new));
                    users.created.add(words[1] + users.suffix);
                }
            }
        } catch (RuntimeException e) {
            users.close();
            throw e;
        }
        return users;
    }

    /** The URL an agent logs in with as its own user: {@code redis://agent-<name>-<suffix>:<password>@host:port}. */
    public String agentUri(String agent) {
        String password = agentPasswords.get(agent);
        if (password == null) {
            throw new IllegalArgumentException("no ACL user was made for agent " + agent);
        }
        return "redis://agent-" + agent + suffix + ":" + password + "@" + redis.host() + ":" + redis.port();
    }

    /** The URL a service logs in with as its own user (chat-service, state-broadcaster, discord-bridge). */
    public String serviceUri(String service) {
        String password = servicePasswords.get(service);
        if (password == null) {
            throw new IllegalArgumentException("no ACL user was made for service " + service);
        }
        return "redis://" + service + suffix + ":" + password + "@" + redis.host() + ":" + redis.port();
    }

    /** The name Redis knows an agent's user by (for ACL DRYRUN, say). */
    public String agentUser(String agent) {
        return "agent-" + agent + suffix;
    }

    /** The users made, as Redis knows them. */
    public List<String> users() {
        return List.copyOf(created);
    }

    @Override
    public void close() {
        for (String user : created) {
            admin.call("ACL", "DELUSER", user);
        }
        created.clear();
    }

    private static List<String> scriptLines(String prefix, Map<String, String> servicePasswords,
                                            Map<String, String> agentPasswords) {
        ProcessBuilder script = new ProcessBuilder("sh", script().toString());
        Map<String, String> env = script.environment();
        env.keySet().removeIf(name -> name.startsWith("WFCHAT_"));
        env.put("WFCHAT_REDIS_PREFIX", prefix);
        env.put("WFCHAT_REDIS_PASSWORD_CHAT_SERVICE", servicePasswords.get("chat-service"));
        env.put("WFCHAT_REDIS_PASSWORD_STATE_BROADCASTER", servicePasswords.get("state-broadcaster"));
        env.put("WFCHAT_REDIS_PASSWORD_DISCORD_BRIDGE", servicePasswords.get("discord-bridge"));
        env.put("WFCHAT_REDIS_AGENT_PASSWORDS", agentPasswords.entrySet().stream()
                .map(entry -> entry.getKey() + "=" + entry.getValue()).collect(Collectors.joining(",")));
        try {
            Process process = script.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " failed: " + err);
            }
            return out.lines().filter(line -> line.startsWith("user ")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path script() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(SCRIPT))) {
                return dir.resolve(SCRIPT);
            }
        }
        throw new IllegalStateException(SCRIPT + " not found above " + Path.of("").toAbsolutePath());
    }

    private static String newPassword() {
        return "pw" + UUID.randomUUID().toString().replace("-", "");
    }
}
