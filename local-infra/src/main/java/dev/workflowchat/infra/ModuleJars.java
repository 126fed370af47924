package dev.workflowchat.infra;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where a service module's built jar is, from any module's directory (tests run in their module's). */
public final class ModuleJars {

    private ModuleJars() {
    }

    /** {@code <checkout>/<module>/target/quarkus-app/quarkus-run.jar}, the checkout found upwards from here. */
    public static Path quarkusApp(String module) {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(module).resolve("pom.xml")) && Files.isRegularFile(dir.resolve("mvnw"))) {
                return dir.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
            }
        }
        throw new IllegalStateException("no module " + module + " above " + here);
    }
}
