package dev.workflowchat.chat.upload;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileNamesTest {

    @Test
    void shouldKeepOnlyTheLastPathSegmentWithoutControlsOrLeadingDots() {
        assertThat(FileNames.sanitise("C:\\Users\\me\\report.pdf")).isEqualTo("report.pdf");
        assertThat(FileNames.sanitise("../../etc/passwd")).isEqualTo("passwd");
        assertThat(FileNames.sanitise(".bashrc")).isEqualTo("bashrc");
        assertThat(FileNames.sanitise("in\u0000voice\n.pdf")).isEqualTo("invoice.pdf");
        assertThat(FileNames.sanitise("photo\u202Egnp.exe")).isEqualTo("photognp.exe");
        assertThat(FileNames.sanitise("  ")).isEqualTo("file");
        assertThat(FileNames.sanitise(null)).isEqualTo("file");
        assertThat(FileNames.sanitise("dir/")).isEqualTo("file");
    }

    @Test
    void shouldShortenLongNamesKeepingTheExtension() {
        String shortened = FileNames.sanitise("a".repeat(300) + ".tar.gz");
        assertThat(shortened).hasSize(FileNames.MAX_CHARS).endsWith("a.gz");
        String emoji = FileNames.sanitise("😀".repeat(250) + ".png");
        assertThat(emoji.codePointCount(0, emoji.length())).isLessThanOrEqualTo(FileNames.MAX_CHARS);
        assertThat(emoji).endsWith("😀.png");
    }

    @Test
    void shouldEncodeTheNameForContentDisposition() {
        assertThat(FileNames.contentDisposition("naïve plan \"v2\".md", false))
                .isEqualTo("attachment; filename*=UTF-8''na%C3%AFve%20plan%20%22v2%22.md");
        assertThat(FileNames.contentDisposition("a.png", true)).isEqualTo("inline; filename*=UTF-8''a.png");
    }
}
