package dev.workflowchat.chat.hook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;

/**
 * What a GitHub event means here (GitHub's documented payloads, "Webhook events and payloads"): a
 * completed {@code workflow_run} or {@code check_suite} is a CI result, signalled and posted with
 * its link; {@code pull_request} opened, closed or merged and {@code push} are a short message;
 * anything else means nothing. Every text taken from a payload is escaped for Markdown and kept to
 * one short line, and only {@code https} links are linked, so a branch or a title can't shape the message.
 */
final class GitHubEvents {

    /** A CI result and the signal it becomes; other conclusions (cancelled, skipped, neutral) are posted only. */
    private static final Set<String> PASSED = Set.of("success");
    private static final Set<String> FAILED = Set.of("failure", "timed_out", "startup_failure");
    private static final int MAX_TITLE_CHARS = 200;

    /** A message to post, and the workflow signal to send with it (null: none). */
    record Effect(String text, String signal) {
    }

    private GitHubEvents() {
    }

    static Optional<Effect> of(String event, JsonNode payload) {
        String action = payload.path("action").asText("");
        String repository = text(payload.path("repository").path("full_name"));
        return switch (event) {
            case "workflow_run" -> "completed".equals(action) ? Optional.of(workflowRun(payload.path("workflow_run"), repository))
                    : Optional.empty();
            case "check_suite" -> "completed".equals(action)
                    ? Optional.of(checkSuite(payload.path("check_suite"), payload.path("repository"), repository))
                    : Optional.empty();
            case "pull_request" -> pullRequest(action, payload.path("pull_request"), repository);
            case "push" -> Optional.of(push(payload, repository));
            default -> Optional.empty();
        };
    }

    private static Effect workflowRun(JsonNode run, String repository) {
        String conclusion = run.path("conclusion").asText("");
        String name = text(run.path("name")) + " #" + run.path("run_number").asLong();
        return ciResult(conclusion, link(name, run.path("html_url")), text(run.path("head_branch")), repository);
    }

    private static Effect checkSuite(JsonNode suite, JsonNode repo, String repository) {
        String conclusion = suite.path("conclusion").asText("");
        String sha = suite.path("head_sha").asText("");
        String checks = sha.matches("[0-9a-f]{7,64}") ? repo.path("html_url").asText("") + "/commit/" + sha + "/checks" : "";
        String name = "checks of " + (sha.length() >= 7 ? "`" + sha.substring(0, 7) + "`" : "a commit");
        return ciResult(conclusion, checks.startsWith("https://") ? "[" + name + "](" + checks + ")" : name,
                text(suite.path("head_branch")), repository);
    }

    private static Effect ciResult(String conclusion, String what, String branch, String repository) {
        String signal = PASSED.contains(conclusion) ? "ci_passed" : FAILED.contains(conclusion) ? "ci_failed" : null;
        String verdict = "ci_passed".equals(signal) ? "✅ CI passed" : "ci_failed".equals(signal) ? "❌ CI failed"
                : "CI " + escape(conclusion.isEmpty() ? "finished" : conclusion);
        return new Effect(verdict + ": " + what + on(branch, repository), signal);
    }

    private static Optional<Effect> pullRequest(String action, JsonNode pr, String repository) {
        String verb = switch (action) {
            case "opened" -> "opened";
            case "closed" -> pr.path("merged").asBoolean(false) ? "merged" : "closed";
            default -> null;
        };
        if (verb == null) {
            return Optional.empty();
        }
        String title = link("#" + pr.path("number").asLong() + " " + text(pr.path("title")), pr.path("html_url"));
        String by = "merged".equals(verb) ? text(pr.path("merged_by").path("login")) : text(pr.path("user").path("login"));
        return Optional.of(new Effect("Pull request " + verb + ": " + title + (by.isEmpty() ? "" : " by " + by)
                + (repository.isEmpty() ? "" : " in " + repository), null));
    }

    private static Effect push(JsonNode payload, String repository) {
        String ref = payload.path("ref").asText("");
        String branch = text(payload.path("ref"), ref.startsWith("refs/heads/") ? "refs/heads/".length() : 0);
        String pusher = text(payload.path("pusher").path("name"));
        int commits = payload.path("commits").size();
        String what = payload.path("deleted").asBoolean(false) ? "deleted"
                : link(commits + (commits == 1 ? " commit" : " commits"), payload.path("compare"));
        return new Effect((pusher.isEmpty() ? "Someone" : pusher) + " pushed " + what + on(branch, repository), null);
    }

    private static String on(String branch, String repository) {
        return (branch.isEmpty() ? "" : " on " + branch) + (repository.isEmpty() ? "" : " in " + repository);
    }

    /** {@code [label](url)} for an https URL without anything that would end the link early; the label alone otherwise. */
    private static String link(String label, JsonNode url) {
        String href = url.asText("");
        return href.startsWith("https://") && href.matches("[^\\s()<>\\[\\]]+") ? "[" + label + "](" + href + ")" : label;
    }

    private static String text(JsonNode node) {
        return text(node, 0);
    }

    /** A payload's text from {@code from} on, on one line, cut to a title's length and escaped for Markdown. */
    private static String text(JsonNode node, int from) {
        String value = node.isTextual() ? node.textValue() : "";
        value = value.length() > from ? value.substring(from) : "";
        value = value.replaceAll("[\\p{Cntrl}\\p{Zl}\\p{Zp}]+", " ").strip();
        if (value.length() > MAX_TITLE_CHARS) {
            value = value.substring(0, MAX_TITLE_CHARS - 1) + "…";
        }
        return escape(value);
    }

    private static String escape(String text) {
        return text.replaceAll("([\\\\`*_{}\\[\\]()<>#+!|~@:])", "\\\\$1");
    }
}
