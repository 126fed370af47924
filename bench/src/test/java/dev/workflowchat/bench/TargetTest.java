package dev.workflowchat.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the bench measures is what is deployed: the chat-service it starts collects as its image does. */
class TargetTest {

    private static final Pattern JAVA_OPTS = Pattern.compile("ENV JAVA_OPTS=\"([^\"]*)\"");
    private static final Pattern COLLECTOR_OPTION = Pattern.compile("-XX:(\\+Use\\w+GC|MaxGCPauseMillis=\\d+)");

    @Test
    void theServerItStartsCollectsAsTheChatServiceImageDoes() throws Exception {
        // surefire runs in the module's directory: the image is the chat-service module's, beside it
        String dockerfile = Files.readString(Path.of("..", "chat-service", "src", "main", "docker", "Dockerfile.jvm"));
        Matcher opts = JAVA_OPTS.matcher(dockerfile);
        assertThat(opts.find()).as("the image sets JAVA_OPTS").isTrue();
        List<String> imageCollector = collectorOptions(opts.group(1));
        assertThat(imageCollector).as("the image names its collector").isNotEmpty();
        assertThat(collectorOptions(Target.DEFAULT_SERVER_JAVA_OPTS)).containsExactlyInAnyOrderElementsOf(imageCollector);
    }

    private static List<String> collectorOptions(String javaOptions) {
        return Arrays.stream(javaOptions.trim().split("\\s+")).filter(option -> COLLECTOR_OPTION.matcher(option).matches()).toList();
    }
}
