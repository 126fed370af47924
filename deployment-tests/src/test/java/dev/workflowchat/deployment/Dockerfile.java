package dev.workflowchat.deployment;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Dockerfile as its instructions (continuation lines joined, comments dropped), and the checks a service image must pass. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    /** The fast-jar layout Quarkus packages into target/quarkus-app, each part its own layer. */
    static final List<String> QUARKUS_APP_PARTS = List.of(
            "target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/", "target/quarkus-app/quarkus/");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    /** The value of JAVA_OPTS in an ENV instruction, quoted. */
    private static final Pattern JAVA_OPTS = Pattern.compile("\\bJAVA_OPTS=\"([^\"]*)\"");

    final List<Instruction> instructions;

    private Dockerfile(List<Instruction> instructions) {
        this.instructions = instructions;
    }

    static Dockerfile parse(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder logical = new StringBuilder();
        for (String line : text.split("\\R")) {
            String stripped = line.strip();
            if (logical.isEmpty() && (stripped.isEmpty() || stripped.startsWith("#"))) {
                continue;
            }
            if (!logical.isEmpty() && stripped.startsWith("#")) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                logical.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            logical.append(stripped);
            String[] parts = logical.toString().strip().split("\\s+", 2);
            instructions.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), parts.length > 1 ? parts[1].strip() : ""));
            logical.setLength(0);
        }
        return new Dockerfile(instructions);
    }

    List<Instruction> all(String keyword) {
        return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    String last(String keyword) {
        List<Instruction> found = all(keyword);
        return found.isEmpty() ? null : found.get(found.size() - 1).arguments();
    }

    /** The environment variables the start command (ENTRYPOINT and CMD) expands, such as JAVA_OPTS. */
    Set<String> startCommandVariables() {
        Set<String> names = new LinkedHashSet<>();
        for (String keyword : List.of("ENTRYPOINT", "CMD")) {
            String command = last(keyword);
            if (command != null) {
                Matcher m = VARIABLE.matcher(command);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    /** What is wrong with this Dockerfile as the image of a Quarkus service on those HTTP and management ports. */
    List<String> problems(int port, int managementPort) {
        List<String> problems = new ArrayList<>();
        String from = last("FROM");
        if (from == null) {
            problems.add("no FROM");
        } else if (!from.matches("(?i).*\\b17\\b.*") || !from.toLowerCase(Locale.ROOT).contains("jre")) {
            problems.add("the base image is not a Java 17 JRE: " + from);
        }
        String user = last("USER");
        if (user == null) {
            problems.add("no USER: the service would run as root");
        } else {
            String uid = user.split(":")[0].strip();
            if (!uid.matches("\\d+")) {
                problems.add("USER " + user + " is not numeric: Kubernetes' runAsNonRoot cannot verify a user name");
            } else if (Integer.parseInt(uid) == 0) {
                problems.add("USER " + user + " is root");
            }
            int userAt = instructions.indexOf(all("USER").get(all("USER").size() - 1));
            if (instructions.subList(userAt, instructions.size()).stream().anyMatch(i -> i.keyword().equals("FROM"))) {
                problems.add("USER is set before the last FROM");
            }
        }
        List<String> copied = all("COPY").stream().map(i -> i.arguments().replaceAll("--\\S+\\s+", "").split("\\s+")[0]).toList();
        for (String part : QUARKUS_APP_PARTS) {
            if (!copied.contains(part)) {
                problems.add("the Quarkus layout is not copied: no COPY " + part);
            }
        }
        String runnerDir = all("COPY").stream().map(i -> i.arguments().replaceAll("--\\S+\\s+", "").split("\\s+"))
                .filter(a -> a.length == 2 && a[0].equals("target/quarkus-app/*.jar")).map(a -> a[1]).findFirst().orElse(null);
        String start = last("ENTRYPOINT") != null ? last("ENTRYPOINT") : last("CMD");
        if (start == null) {
            problems.add("no ENTRYPOINT or CMD");
        } else if (runnerDir != null && !start.contains((runnerDir.endsWith("/") ? runnerDir : runnerDir + "/") + "quarkus-run.jar")) {
            problems.add("the start command does not run " + runnerDir + "quarkus-run.jar: " + start);
        }
        Set<String> exposed = new LinkedHashSet<>();
        all("EXPOSE").forEach(i -> exposed.addAll(List.of(i.arguments().replace("/tcp", "").split("\\s+"))));
        if (!exposed.equals(Set.of(String.valueOf(port), String.valueOf(managementPort)))) {
            problems.add("EXPOSE " + exposed + " is not the service's ports " + port + " (HTTP) and " + managementPort + " (management)");
        }
        if (start != null && !startCommandVariables().contains("JAVA_OPTS")) {
            problems.add("the start command does not take JAVA_OPTS");
        }
        if (all("ENV").stream().noneMatch(i -> i.arguments().matches("(?s).*\\bJAVA_OPTS=.*MaxRAMPercentage.*"))) {
            problems.add("no container-aware JAVA_OPTS (MaxRAMPercentage) in ENV");
        }
        if (javaOpts().stream().noneMatch(option -> option.matches("-XX:\\+Use\\w+GC"))) {
            // under 1792 MiB of memory the JVM falls back to the Serial collector by itself
            problems.add("JAVA_OPTS names no garbage collector (-XX:+Use…GC): the memory limit would choose it");
        }
        return problems;
    }

    /** The options of the JAVA_OPTS an ENV sets, one by one. */
    List<String> javaOpts() {
        for (Instruction env : all("ENV")) {
            Matcher value = JAVA_OPTS.matcher(env.arguments());
            if (value.find()) {
                return List.of(value.group(1).strip().split("\\s+"));
            }
        }
        return List.of();
    }

    /** The numeric user the image runs as, if USER is numeric. */
    Integer uid() {
        String user = last("USER");
        return user != null && user.split(":")[0].strip().matches("\\d+") ? Integer.valueOf(user.split(":")[0].strip()) : null;
    }
}
