package dev.workflowchat.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The built page loads the production bundle (web-client/tools/BundleApp.java) and names, as
 * {@code modulepreload}, exactly the chunks its entry imports before it runs, so the browser
 * fetches them at once (docs/performance.md); what a signed-in page or a code block needs is in
 * chunks of its own, which a first load never asks for. The sources keep the same split.
 */
class AppModulePreloadTest {

    private static final Path SOURCES = Path.of("..", "web-client", "src", "main", "resources", "META-INF", "resources");
    private static final String BUILT = "META-INF/resources/";
    // static imports only (`import … from './x.js'`, `import './x.js'`); `import('./x.js')` is loaded later on purpose
    private static final Pattern SOURCE_IMPORT = Pattern.compile("^\\s*import\\s+(?:[^'\"();]*?\\s+from\\s+)?['\"](\\.[^'\"]+)['\"]",
            Pattern.MULTILINE);
    // the same in esbuild's minified output: `import{a as b}from"./chunk-X.js";`
    private static final Pattern BUNDLE_IMPORT = Pattern.compile("(?:^|[;}\\n])\\s*import\\s*(?:[^'\"();]*?from\\s*)?[\"'](\\./[^\"']+)[\"']");
    private static final Pattern ENTRY = Pattern.compile("<script type=\"module\" src=\"/app/bundle/(main-[A-Z0-9]{8}\\.js)\"></script>");
    private static final Pattern IMPORT_MAP = Pattern.compile("<script type=\"importmap\">(.*?)</script>", Pattern.DOTALL);
    private static final Pattern LIBRARY_PATH = Pattern.compile("\"/(_static|vendor)/[^\"]*\"");
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"([^\"]+)\">");

    @Test
    void theBuiltPageLoadsTheBundlesEntryAndPreloadsExactlyTheChunksItImports() throws IOException {
        String page = built("index.html");
        Matcher entry = ENTRY.matcher(page);
        assertThat(entry.find()).as("the page's module script is the bundle's entry:\n" + page).isTrue();
        Set<String> chunks = bundleGraph(entry.group(1));
        chunks.remove(entry.group(1));
        Set<String> preloaded = new LinkedHashSet<>();
        Matcher links = PRELOAD.matcher(page);
        while (links.find()) {
            preloaded.add(links.group(1));
        }
        assertThat(preloaded).as("the page's modulepreload links")
                .containsExactlyInAnyOrderElementsOf(chunks.stream().map(chunk -> "/app/bundle/" + chunk).toList());
        assertThat(page).doesNotContain("src=\"/app/main.js\"");
        assertThat(built("sw.js")).as("the worker precaches the entry").contains("'/app/bundle/" + entry.group(1) + "'");
    }

    /** The bundler rewrites the page the build versioned; from the sources it lost the versions (a CI run caught it). */
    @Test
    void bothBuiltPagesNameEveryLibraryInTheirImportMapWithItsVersion() throws IOException {
        for (String page : List.of("index.html", "modules.html")) {
            Matcher map = IMPORT_MAP.matcher(built(page));
            assertThat(map.find()).as(page + " has an import map").isTrue();
            Matcher library = LIBRARY_PATH.matcher(map.group(1));
            int libraries = 0;
            while (library.find()) {
                libraries++;
                assertThat(library.group()).as(page + ": a library file browsers may keep for a year")
                        .matches("\"/(_static|vendor)/[^/\"]+/\\d[^/\"]*/[^\"]*\"");
            }
            assertThat(libraries).as(page + "'s libraries").isGreaterThanOrEqualTo(6);
        }
    }

    @Test
    void aFirstLoadHasTheLoginViewButNeitherTheChatsComponentsNorHighlightJs() throws IOException {
        Matcher entry = ENTRY.matcher(built("index.html"));
        assertThat(entry.find()).isTrue();
        StringBuilder firstLoad = new StringBuilder();
        for (String file : bundleGraph(entry.group(1))) {
            firstLoad.append(built("app/bundle/" + file));
        }
        // what each file defines, as esbuild writes it: `customElements.define("login-view",P)`
        assertThat(firstLoad).contains("define(\"login-view\"", "define(\"chat-app\"")
                .doesNotContain("define(\"message-list\"", "define(\"channel-sidebar\"", "define(\"approval-inbox\"")
                .as("highlight.js").doesNotContain("highlightAuto");
    }

    @Test
    void theSourcesKeepTheChatsComponentsTheViewsAndHighlightJsOutOfTheLoginViewsGraph() throws IOException {
        Set<String> graph = sourceGraph("/app/main.js");
        assertThat(graph).hasSizeGreaterThan(10).contains("/app/components/login-view.js");
        assertThat(graph).doesNotContain("/app/components/chat-layout.js", "/app/components/message-list.js",
                "/app/components/view-components.js", "/app/components/approval-inbox.js", "/app/services/highlight.js");
        assertThat(sourceGraph("/app/components/chat-layout.js")).as("a signed-in first paint's graph")
                .doesNotContain("/app/services/highlight.js", "/app/services/emoji.js", "/app/components/view-components.js");
    }

    /** The entry and the chunks it imports statically, transitively. */
    private static Set<String> bundleGraph(String entry) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(Set.of(entry));
        while (!next.isEmpty()) {
            String file = next.pop();
            if (seen.add(file)) {
                Matcher imports = BUNDLE_IMPORT.matcher(built("app/bundle/" + file));
                while (imports.find()) {
                    next.push(imports.group(1).substring(2));
                }
            }
        }
        return seen;
    }

    /** A file of the built web client (the web-client jar or its classes on this module's classpath). */
    private static String built(String path) throws IOException {
        try (InputStream in = AppModulePreloadTest.class.getClassLoader().getResourceAsStream(BUILT + path)) {
            assertThat(in).as(BUILT + path + " on the classpath").isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every app module reachable from {@code entry} through static relative imports, by its path on the site. */
    private static Set<String> sourceGraph(String entry) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(Set.of(entry));
        while (!next.isEmpty()) {
            String module = next.pop();
            if (!seen.add(module)) {
                continue;
            }
            Matcher imports = SOURCE_IMPORT.matcher(Files.readString(SOURCES.resolve(module.substring(1))));
            while (imports.find()) {
                next.push(Path.of(module).resolveSibling(imports.group(1)).normalize().toString());
            }
        }
        return seen;
    }
}
