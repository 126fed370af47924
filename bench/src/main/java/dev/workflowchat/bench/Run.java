package dev.workflowchat.bench;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** What every scenario of one bench run shares: the target, the clients, the users and where the report goes. */
final class Run {

    private final Options options;
    private final Target target;
    private final Vertx vertx;
    private final Api api;
    private final Path reportDir;
    private final String id;
    private List<String> tokens;

    Run(Options options, Target target, Vertx vertx, Path reportDir) {
        this.options = options;
        this.target = target;
        this.vertx = vertx;
        this.reportDir = reportDir;
        this.api = new Api(target);
        this.id = Integer.toString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000), 36);
    }

    Options options() {
        return options;
    }

    Target target() {
        return target;
    }

    Vertx vertx() {
        return vertx;
    }

    Api api() {
        return api;
    }

    Path reportDir() {
        return reportDir;
    }

    /** Unique to this run, so names and envelope ids never meet an earlier run's on the same service. */
    String id() {
        return id;
    }

    /** A channel of this run, created now. */
    String channel(String purpose) {
        String name = "bench-" + id + "-" + purpose;
        api.channel(name);
        return name;
    }

    /** The run's signed-in members' tokens (made once); connections use them in turn. */
    synchronized List<String> tokens() {
        if (tokens == null) {
            tokens = api.users("bench-" + id, options.number("users"));
        }
        return tokens;
    }
}
