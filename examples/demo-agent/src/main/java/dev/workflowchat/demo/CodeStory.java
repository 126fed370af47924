package dev.workflowchat.demo;

import dev.workflowchat.agent.ApprovalRequest;
import dev.workflowchat.agent.Decision;
import java.util.List;
import java.util.Map;

/** Writes code, asks for a code change (revising when rejected) and for a batch of renames. */
final class CodeStory implements Storyline {

    private static final int MAX_REVISIONS = 2;

    @Override
    public void playRound(TeamMember me, int round) throws InterruptedException {
        me.status("busy", "Token exchange endpoint", "writing the failing test");
        me.say("💻 Writing the failing test first:\n\n```java\n@Test\nvoid shouldExchangeTheCodeForAToken() {\n"
                + "    assertThat(oauth.exchange(\"code-123\")).isPresent();\n}\n```");
        me.beat();
        me.say("Red ❌ as expected. Now the implementation.");
        me.beat();

        List<String> files = List.of("auth/OAuthClient.java", "auth/TokenStore.java");
        String diff = "-    return Optional.empty();\n+    return tokens.exchange(code).map(Token::of);";
        for (int revision = 0; revision <= MAX_REVISIONS; revision++) {
            String title = "Token exchange" + (revision == 0 ? "" : " (revision " + revision + ")");
            Decision decision = me.ask(ApprovalRequest.CODE_CHANGE, title, Map.of(
                    "files", files, "diff", diff, "description", "Exchanges the OAuth code for a token"));
            me.say(Scripts.reaction(decision, "Merging… 🚀 build #" + (100 + round) + " is green."));
            if (decision.outcome() != Decision.Outcome.REJECTED) {
                break;
            }
            me.beat();
            diff = diff + "\n+    // revision " + (revision + 1) + ": " + Scripts.quote(decision.comment());
            me.say("Revised diff:\n\n```diff\n" + diff + "\n```");
            me.beat();
        }
        me.beat();

        Decision batch = me.ask(ApprovalRequest.BATCH_CHANGES, "Rename auth packages", Map.of("groups", Map.of(
                "api", List.of("rename LoginDto to SignInRequest", "rename TokenDto to TokenResponse"),
                "storage", List.of("move TokenStore to auth.store"))));
        me.say(Scripts.reaction(batch, "Applying the renames…"));
        me.status("online", "Code review", null);
        me.beats(4);
    }
}
