package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.ApprovalRule;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.ApprovalContext;
import java.util.List;

/**
 * A standing rule as asked for (REST, a card's "don't ask again", {@code /rules ask}), checked
 * before anything is stored: a prefix or pattern that would match everything is refused, and no
 * rule lets {@code critical} through.
 */
public record RuleDraft(String kind, String project, String agent, String requestType, String commandPrefix,
                        String maxRisk, String until, String pattern) {

    private static final int TEXT_MIN = 2;
    private static final int TEXT_MAX = 200;

    public RuleDraft {
        if (!ApprovalRule.ALLOW.equals(kind) && !ApprovalRule.ASK.equals(kind)) {
            throw ProtocolException.badRequest("kind must be allow or ask");
        }
        project = project == null || project.isBlank() ? ChannelNames.DEFAULT_PROJECT : project;
        if (!ChannelNames.isValidProject(project)) {
            throw ProtocolException.badRequest("invalid project name");
        }
        if (ApprovalRule.ASK.equals(kind)) {
            pattern = checkedText("pattern", pattern);
            agent = null;
            requestType = null;
            commandPrefix = null;
            maxRisk = null;
            until = ApprovalRule.UNTIL_REVOKED;
        } else {
            if (agent == null || !ChannelNames.isValidAgent(agent)) {
                throw ProtocolException.badRequest("agent must name an agent");
            }
            if (requestType == null || !requestType.matches("[a-z][a-z0-9_]{0,63}")) {
                throw ProtocolException.badRequest("request_type must be a lower-case word");
            }
            commandPrefix = commandPrefix == null ? null : checkedText("command_prefix", commandPrefix);
            maxRisk = maxRisk == null ? "medium" : maxRisk;
            if ("critical".equals(maxRisk)) {
                throw ProtocolException.badRequest("no rule decides critical requests: they always wait for a person");
            }
            if (!ApprovalContext.RISKS.contains(maxRisk)) {
                throw ProtocolException.badRequest("max_risk must be low, medium or high");
            }
            until = until == null ? ApprovalRule.UNTIL_REVOKED : until;
            if (!List.of(ApprovalRule.UNTIL_SPRINT, ApprovalRule.UNTIL_REVOKED).contains(until)) {
                throw ProtocolException.badRequest("until must be sprint or revoked");
            }
            pattern = null;
        }
    }

    /** A prefix or pattern: 2–200 characters of one line, with a letter or digit, and no wildcard. */
    private static String checkedText(String name, String value) {
        if (value == null || value.strip().length() < TEXT_MIN || value.length() > TEXT_MAX
                || value.codePoints().noneMatch(Character::isLetterOrDigit) || value.contains("*")
                || value.chars().anyMatch(Character::isISOControl) || NulCharacters.in(value)) {
            throw ProtocolException.badRequest(name + " must be " + TEXT_MIN + "–" + TEXT_MAX
                    + " characters with a letter or digit and no *: a rule never matches everything");
        }
        return value;
    }
}
