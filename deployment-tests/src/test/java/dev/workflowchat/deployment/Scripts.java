package dev.workflowchat.deployment;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The deployment's shell scripts, run as a container or an operator runs them, and what they answered. */
final class Scripts {

    /** The Redis ACL rules: compose mounts it, kustomize ships it in a ConfigMap. */
    static final String ACL_USERS = "k8s/base/redis/acl-users.sh";
    /** PostgreSQL's roles, run by the postgres image when it creates the database. */
    static final String INIT_ROLES = "k8s/base/postgres/init-roles.sh";
    static final String GENERATE_SECRETS = "deploy/generate-secrets.sh";

    private static final Pattern CREATE_ROLE = Pattern.compile("CREATE ROLE (\\w+)");

    record Result(int exitCode, String stdout, String stderr) {
    }

    private Scripts() {
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    /**
     * Runs a command in a directory with only PATH and the given variables in its environment, as in a
     * container, so nothing of the developer's own shell (a WFCHAT_* export) leaks into the result.
     */
    static Result run(Path dir, Map<String, String> env, String... command) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            String stdout = read(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), stdout, stderr.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** acl-users.sh with these variables: the ACL file on stdout, or a refusal on stderr. */
    static Result aclUsers(Map<String, String> env) {
        return run(Repo.root(), env, "sh", Repo.path(ACL_USERS).toString());
    }

    /** The users of an ACL file: name, then its rules in order. */
    static Map<String, List<String>> users(String aclFile) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        aclFile.lines().filter(l -> !l.isBlank()).forEach(line -> {
            List<String> words = List.of(line.strip().split("\\s+"));
            if (words.size() < 2 || !words.get(0).equals("user")) {
                throw new IllegalArgumentException("not an ACL file user line: " + line);
            }
            users.put(words.get(1), words.subList(2, words.size()));
        });
        return users;
    }

    /** The PostgreSQL role init-roles.sh makes for the chat-service. */
    static String chatServiceRole() {
        return databaseRole("chat-service");
    }

    /** The PostgreSQL role init-roles.sh makes for the state-broadcaster. */
    static String stateBroadcasterRole() {
        return databaseRole("state-broadcaster");
    }

    /** The role init-roles.sh creates for a service: its name with _ for -. */
    static String databaseRole(String service) {
        String role = service.replace('-', '_');
        Matcher m = CREATE_ROLE.matcher(Repo.read(Repo.path(INIT_ROLES)));
        while (m.find()) {
            if (m.group(1).equals(role)) {
                return role;
            }
        }
        throw new IllegalStateException(INIT_ROLES + " creates no role " + role + " for " + service);
    }

    /** KEY=value lines of an env file (.env, a kustomize envs file), comments and blank lines left out. */
    static Map<String, String> envFile(String text) {
        Map<String, String> values = new LinkedHashMap<>();
        text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> {
            String[] kv = l.split("=", 2);
            values.put(kv[0], kv.length > 1 ? kv[1] : "");
        });
        return values;
    }
}
