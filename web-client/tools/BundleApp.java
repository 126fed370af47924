import io.mvnpm.esbuild.Bundler;
import io.mvnpm.esbuild.model.BundleOptions;
import io.mvnpm.esbuild.model.BundleResult;
import io.mvnpm.esbuild.model.EsBuildConfig;
import io.mvnpm.esbuild.model.WebDependency;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The web client's production bundle, built by esbuild (through mvnpm's esbuild-java, so the build
 * needs a JDK only): main.js and its static imports, Lit, marked and DOMPurify in one entry file, each
 * dynamic import() (the chat's components, the views, highlight.js) in chunks of its own, all named by
 * their content's hash under /app/bundle/. The built page then loads the entry and preloads its
 * chunks, and the service worker precaches the entry. Run by web-client's pom (process-classes):
 * {@code java -cp <classpath> tools/BundleApp.java <META-INF/resources> <work dir>}.
 */
public class BundleApp {

    private static final String BUNDLE = "app/bundle";
    private static final String SOURCE_SCRIPT = "<script type=\"module\" src=\"/app/main.js\"></script>";
    private static final Pattern STATIC_IMPORT = Pattern.compile("(?:^|[;}\\n])\\s*import\\s*(?:[^'\"();]*?from\\s*)?[\"'](\\./[^\"']+)[\"']");

    public static void main(String[] args) throws IOException {
        Path resources = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        // the worker as written: the copy in the build's output is rewritten here, and a build that
        // does not copy it again (unchanged) must not rewrite a rewritten copy. The page needs no such
        // care: the pom's version-import-map copies it afresh in every build, with the libraries'
        // versions in its import map, which the page read from the sources would lack.
        Path written = args.length > 2 ? Path.of(args[2]).toAbsolutePath() : resources;
        Path nodeModules = work.resolve("node_modules");
        List<WebDependency> libraries = libraryJars().stream()
                .map(jar -> WebDependency.of(jar, WebDependency.WebDependencyType.MVNPM)).toList();
        Bundler.install(nodeModules, libraries);
        // highlight.js's languages as ES modules, where an alias can name them (esbuild-java turns the
        // underscore of node_modules in an alias into a dash)
        Path languages = work.resolve("highlight-languages");
        deleteTree(languages);
        copyTree(nodeModules.resolve("highlight.js/es/languages"), languages);
        EsBuildConfig config = EsBuildConfig.builder()
                .bundle()
                .minify()
                .splitting()
                .format(EsBuildConfig.Format.ESM)
                .entryNames("[name]-[hash]")
                .chunkNames("[name]-[hash]")
                // the page's import map names these for the unbundled sources; the npm package's exports differ
                .alias(Map.of("highlight.js/core", "highlight.js/lib/core",
                        "highlight.js/languages", languages.toString()))
                // a file of ours under /vendor (not an npm package): loaded through the import map on first use
                .addExternal("emoji-picker-element/*")
                .build();
        // esbuild-java bundles in its work directory (an entry elsewhere is copied there alone, away
        // from the modules it imports): the app's sources go there whole
        Path sources = work.resolve("app");
        deleteTree(sources);
        copyTree(resources.resolve("app"), sources);
        BundleOptions options = BundleOptions.builder()
                .withWorkDir(sources)
                .withNodeModulesDir(nodeModules)
                .withDependencies(libraries)
                .addEntryPoint(sources, "main.js")
                .withEsConfig(config)
                .build();
        BundleResult result = Bundler.bundle(options, false);
        Path out = resources.resolve(BUNDLE);
        deleteTree(out);
        Files.createDirectories(out);
        String entry = null;
        try (Stream<Path> files = Files.list(result.dist())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                Files.copy(file, out.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                if (file.getFileName().toString().startsWith("main-")) {
                    entry = file.getFileName().toString();
                }
            }
        }
        if (entry == null) {
            throw new IllegalStateException("esbuild wrote no main-*.js into " + result.dist());
        }
        rewritePage(resources.resolve("index.html"), out, entry);
        rewriteWorker(written.resolve("sw.js"), resources.resolve("sw.js"), entry);
        System.out.println("[bundle] /" + BUNDLE + "/" + entry + " and " + (count(out) - 1) + " chunks");
    }

    /** The mvnpm library jars on the classpath (lit, marked, …), the bundler's own binaries left out. */
    private static List<Path> libraryJars() {
        List<Path> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = entry.replace('\\', '/');
            if (path.contains("/org/mvnpm/") && path.endsWith(".jar") && !path.contains("esbuild") && !path.contains("/deno/")) {
                jars.add(Path.of(entry));
            }
        }
        return jars;
    }

    /**
     * index.html: the bundle's entry in place of main.js, its static imports preloaded (fetched at
     * once). The page as written, on the source modules, stays as /modules.html, linked from nowhere:
     * for browser tests that build components from the app's modules, and for looking into one.
     */
    private static void rewritePage(Path page, Path out, String entry) throws IOException {
        String html = Files.readString(page);
        if (!html.contains(SOURCE_SCRIPT)) {
            throw new IllegalStateException("index.html has no " + SOURCE_SCRIPT);
        }
        Files.writeString(page.resolveSibling("modules.html"), html);
        String preloads = staticImports(out, entry).stream()
                .map(chunk -> "<link rel=\"modulepreload\" href=\"/" + BUNDLE + "/" + chunk + "\">\n    ")
                .collect(Collectors.joining());
        Files.writeString(page, html.replace(SOURCE_SCRIPT,
                preloads + "<script type=\"module\" src=\"/" + BUNDLE + "/" + entry + "\"></script>"));
    }

    /** sw.js: precaches the entry instead of main.js; a new bundle is a new cache (the old one goes). */
    private static void rewriteWorker(Path source, Path worker, String entry) throws IOException {
        String js = Files.readString(source);
        String hash = entry.substring("main-".length(), entry.length() - ".js".length());
        String rewritten = js.replace("'/app/main.js'", "'/" + BUNDLE + "/" + entry + "'")
                .replaceFirst("const VERSION = '([^']+)';", "const VERSION = '$1-" + hash + "';");
        if (rewritten.equals(js)) {
            throw new IllegalStateException("sw.js names no '/app/main.js' to replace");
        }
        Files.writeString(worker, rewritten);
    }

    /** The chunks the entry imports statically, transitively (what it waits for before it runs). */
    static Set<String> staticImports(Path dir, String entry) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        List<String> next = new ArrayList<>(List.of(entry));
        while (!next.isEmpty()) {
            String file = next.remove(next.size() - 1);
            Matcher imports = STATIC_IMPORT.matcher(Files.readString(dir.resolve(file)));
            while (imports.find()) {
                String chunk = imports.group(1).substring(2);
                if (seen.add(chunk)) {
                    next.add(chunk);
                }
            }
        }
        return seen;
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !f.startsWith(from.resolve("bundle"))).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path file : files.sorted((a, b) -> b.compareTo(a)).toList()) {
                    Files.delete(file);
                }
            }
        }
    }
}
