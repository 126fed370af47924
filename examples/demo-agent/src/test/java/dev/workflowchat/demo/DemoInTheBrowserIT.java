package dev.workflowchat.demo;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import dev.workflowchat.chat.support.Browser;
import dev.workflowchat.chat.support.ChatServiceProcess;
import dev.workflowchat.chat.support.StateBroadcasterProcess;
import dev.workflowchat.chat.support.TestServices;
import dev.workflowchat.infra.TestRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The newcomer's first minute: the system and the demo team running, a person opens the browser
 * and sees agent messages, an approval card and the workflow's state moving. The screenshot it
 * saves is the one the README shows.
 */
class DemoInTheBrowserIT {

    @Test
    void aNewcomerSeesTheTeamAtWorkWithinAMinute() throws Exception {
        try (TestRun run = TestRun.start();
             ChatServiceProcess chat = ChatServiceProcess.start("demo-chat", run, run.redis(), Map.of());
             StateBroadcasterProcess state = StateBroadcasterProcess.start(run, run.redis());
             Browser browser = Browser.launch()) {
            DemoConfig config = new DemoConfig(List.of(run.redis().uri()), run.redisPrefix(), "workflow",
                    Duration.ofMillis(300), Duration.ofMinutes(5), 1);
            Crew crew = new Crew(config, run.redis().uri());
            crew.start();
            try {
                PlaywrightAssertions.setDefaultAssertionTimeout(60_000);
                Page page = browser.newPerson(chat.base(), "admin", TestServices.ADMIN_PASSWORD);
                page.locator("channel-sidebar a[data-channel='workflow']").click();

                assertThat(page.locator("message-list article.agent").first()).isVisible();
                assertThat(page.locator("[data-testid=approval-card]").first()).isVisible();
                assertThat(page.locator("[data-testid=state-badge]")).not().hasText("IDLE");
                Browser.screenshot(page, "demo");
            } finally {
                crew.stop();
            }
        }
    }
}
