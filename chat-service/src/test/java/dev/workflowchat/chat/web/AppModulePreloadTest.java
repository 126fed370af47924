package dev.workflowchat.chat.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The page names, as {@code modulepreload}, every module of the app that {@code main.js} imports
 * before the login view can show, and nothing else of the app's: the browser then fetches them at
 * once instead of one import level after another (docs/performance.md). A module added to that
 * graph without its line, or a line left for a module no longer in it, fails here.
 */
class AppModulePreloadTest {

    private static final Path RESOURCES = Path.of("..", "web-client", "src", "main", "resources", "META-INF", "resources");
    // static imports only (`import … from './x.js'`, `import './x.js'`); `import('./x.js')` is loaded later on purpose
    private static final Pattern STATIC_IMPORT = Pattern.compile("^\\s*import\\s+(?:[^'\"();]*?\\s+from\\s+)?['\"](\\.[^'\"]+)['\"]",
            Pattern.MULTILINE);
    private static final Pattern PRELOAD = Pattern.compile("<link rel=\"modulepreload\" href=\"(/app/[^\"]+)\">");

    @Test
    void thePagePreloadsExactlyTheModulesTheLoginViewWaitsFor() throws IOException {
        Set<String> graph = staticGraph("/app/main.js");
        graph.remove("/app/main.js"); // the page's own script tag asks for it
        Set<String> preloaded = new LinkedHashSet<>();
        Matcher links = PRELOAD.matcher(Files.readString(RESOURCES.resolve("index.html")));
        while (links.find()) {
            preloaded.add(links.group(1));
        }
        assertThat(graph).as("main.js's static imports").hasSizeGreaterThan(10).contains("/app/components/login-view.js");
        assertThat(preloaded).as("the app's modulepreload links in index.html").containsExactlyInAnyOrderElementsOf(graph);
    }

    @Test
    void theChatsComponentsAndTheViewsAreNotInTheLoginViewsGraph() throws IOException {
        Set<String> graph = staticGraph("/app/main.js");
        assertThat(graph).doesNotContain("/app/components/chat-layout.js", "/app/components/message-list.js",
                "/app/components/view-components.js", "/app/components/approval-inbox.js");
    }

    /** Every app module reachable from {@code entry} through static relative imports, by its path on the site. */
    private static Set<String> staticGraph(String entry) throws IOException {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> next = new ArrayDeque<>(Set.of(entry));
        while (!next.isEmpty()) {
            String module = next.pop();
            if (!seen.add(module)) {
                continue;
            }
            Matcher imports = STATIC_IMPORT.matcher(Files.readString(RESOURCES.resolve(module.substring(1))));
            while (imports.find()) {
                next.push(Path.of(module).resolveSibling(imports.group(1)).normalize().toString());
            }
        }
        return seen;
    }
}
