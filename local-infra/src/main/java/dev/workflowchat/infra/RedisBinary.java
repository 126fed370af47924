package dev.workflowchat.infra;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} program a test starts its own servers with: {@code WFCHAT_REDIS_SERVER} when
 * set, else the machine's (Debian's {@code redis-server} on the PATH, 7.x here), else the binary the
 * embedded-redis jar carries (6.2, the same fallback {@link OwnedRedis} and {@link Infrastructure} use), so
 * a machine with only a JDK still runs the cluster and Sentinel tests.
 */
public final class RedisBinary {

    private static Path embedded;

    private RedisBinary() {
    }

    public static synchronized Path find() throws IOException {
        String named = System.getenv("WFCHAT_REDIS_SERVER");
        if (named != null && !named.isBlank()) {
            return Path.of(named);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return embedded();
    }

    /** The embedded-redis jar's binary for this machine, unpacked once per JVM. */
    public static synchronized Path embedded() throws IOException {
        if (embedded == null) {
            embedded = ExecutableProvider.newJarResourceProvider().get().toPath();
        }
        return embedded;
    }
}
