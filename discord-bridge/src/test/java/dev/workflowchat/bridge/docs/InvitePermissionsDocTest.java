package dev.workflowchat.bridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/discord.md's permissions table, its sum, the heading and the invite URL say the same integer, and the table
 * holds what threads need: a permission added to one place only would invite the bot without it.
 */
class InvitePermissionsDocTest {

    private static final Pattern ROW = Pattern.compile("^\\| ([A-Z][A-Za-z ]+) \\| `1 << (\\d+)` = (\\d+) \\|", Pattern.MULTILINE);

    @Test
    void theTableSumsToTheIntegerTheHeadingAndTheInviteUrlUse() throws IOException {
        String doc = Files.readString(docs().resolve("discord.md"));
        String section = doc.substring(doc.indexOf("## 2. The invite URL"), doc.indexOf("## 3."));
        long sum = 0;
        Matcher row = ROW.matcher(section);
        java.util.List<String> names = new java.util.ArrayList<>();
        while (row.find()) {
            assertThat(Long.parseLong(row.group(3))).as(row.group(1)).isEqualTo(1L << Integer.parseInt(row.group(2)));
            sum += Long.parseLong(row.group(3));
            names.add(row.group(1).strip());
        }
        assertThat(names).contains("Manage Webhooks", "Create Public Threads", "Send Messages in Threads");
        assertThat(section).contains("## 2. The invite URL (permissions " + sum + ")")
                .contains("Sum: **" + sum + "**")
                .contains("&permissions=" + sum + "\n")
                .contains("sum " + (sum + (1L << 17)) + ")");
    }

    private static Path docs() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("docs"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("the repository's docs directory").isNotNull();
        return dir.resolve("docs");
    }
}
