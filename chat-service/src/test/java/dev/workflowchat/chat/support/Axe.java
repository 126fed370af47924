package dev.workflowchat.chat.support;

import com.microsoft.playwright.Page;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * axe-core (vendored in test resources as {@code axe/axe.min.js}, MPL-2.0, its header kept) run in
 * a page. Evaluated through the DevTools protocol rather than added as a script tag, which the
 * page's Content-Security-Policy would refuse.
 */
public final class Axe {

    private static final String SOURCE = load();
    private static final String VIOLATIONS = """
            async (impacts) => {
              const result = await axe.run(document, { resultTypes: ['violations'] });
              return result.violations.filter(v => impacts.includes(v.impact))
                .map(v => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.slice(0, 5).map(n => JSON.stringify(n.target)).join(', ')}`);
            }""";

    private Axe() {
    }

    /** The serious and critical violations on the page as it is now, one line each. */
    public static List<String> seriousViolations(Page page) {
        return violations(page, List.of("serious", "critical"));
    }

    /**
     * The moderate, serious and critical violations (landmarks, heading order, …), one line each:
     * for the main views (login, chat, boards, inbox, settings, administration), which have none.
     */
    public static List<String> moderateViolations(Page page) {
        return violations(page, List.of("moderate", "serious", "critical"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> violations(Page page, List<String> impacts) {
        if (!Boolean.TRUE.equals(page.evaluate("() => typeof window.axe === 'object'"))) {
            page.evaluate(SOURCE + "\n;true");
        }
        return (List<String>) page.evaluate(VIOLATIONS, impacts);
    }

    private static String load() {
        try (InputStream in = Axe.class.getResourceAsStream("/axe/axe.min.js")) {
            if (in == null) {
                throw new IllegalStateException("axe/axe.min.js is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
