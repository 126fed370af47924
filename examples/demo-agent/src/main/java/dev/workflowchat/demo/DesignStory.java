package dev.workflowchat.demo;

import dev.workflowchat.agent.ApprovalRequest;
import dev.workflowchat.agent.Decision;
import java.util.List;
import java.util.Map;

/** Sketches the screen, shares its tokens, and asks to change the shared styles. */
final class DesignStory implements Storyline {

    @Override
    public void playRound(TeamMember me, int round) throws InterruptedException {
        me.status("busy", "Sign-in screen", "sketching");
        me.beats(1.5);
        me.say("📐 Sign-in screen, first pass: one button per provider, the e-mail form folded below.\n\n"
                + "```css\n.sign-in { display: grid; gap: var(--space-3); max-width: 22rem; }\n"
                + ".provider { border-radius: var(--radius-2); }\n```");
        me.beat();

        Decision styles = me.ask(ApprovalRequest.CODE_CHANGE, "Sign-in styles", Map.of(
                "files", List.of("web-client/styles/sign-in.css"),
                "diff", "+.sign-in { display: grid; gap: var(--space-3); }\n+.provider { border-radius: var(--radius-2); }"));
        me.say(Scripts.reaction(styles, "Shipping the styles."));
        me.status("online", "Design review", null);
        me.beats(6);
    }
}
