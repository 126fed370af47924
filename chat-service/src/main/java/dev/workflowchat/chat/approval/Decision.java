package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import java.util.Map;
import java.util.Set;

/**
 * A person's decision on an approval, checked before anything is touched; {@code remember}: with
 * approve, "don't ask again" as {@code {until, command_prefix?}} (a standing rule, checked when made).
 */
public record Decision(String action, String comment, Map<String, Object> modifications, Map<String, Object> remember) {

    public Decision(String action, String comment, Map<String, Object> modifications) {
        this(action, comment, modifications, null);
    }

    public static final Set<String> ACTIONS = Set.of("approve", "reject", "modify");

    public Decision {
        if (action == null || !ACTIONS.contains(action)) {
            throw ProtocolException.badRequest("action must be approve, reject or modify");
        }
        if ("reject".equals(action) && (comment == null || comment.isBlank())) {
            throw ProtocolException.badRequest("a rejection needs a comment saying why");
        }
        if ("modify".equals(action) && (modifications == null || modifications.isEmpty())) {
            throw ProtocolException.badRequest("modify needs the changed payload in modifications");
        }
        if (!"modify".equals(action)) {
            modifications = null;
        }
        if (remember != null && !"approve".equals(action)) {
            throw ProtocolException.badRequest("remember goes with approve only");
        }
        if (comment != null && comment.length() > 4000) {
            throw ProtocolException.badRequest("comment longer than 4000 characters");
        }
        // REST binds modifications as plain maps, whose nested keys no string check sees
        if (NulCharacters.in(comment) || NulCharacters.in(modifications) || NulCharacters.in(remember)) {
            throw ProtocolException.badRequest(NulCharacters.REFUSED);
        }
    }

    public boolean rejects() {
        return "reject".equals(action);
    }

    /** The rule "don't ask again" makes for an approval's agent, type and project. */
    RuleDraft ruleFor(dev.workflowchat.chat.Approval approval) {
        Object until = remember.get("until");
        Object prefix = remember.get("command_prefix");
        if ((until != null && !(until instanceof String)) || (prefix != null && !(prefix instanceof String))) {
            throw ProtocolException.badRequest("remember is {until: sprint|revoked, command_prefix?: text}");
        }
        return new RuleDraft("allow", approval.project, approval.requestedBy, approval.requestType, (String) prefix,
                approval.risk, until == null ? "revoked" : (String) until, null);
    }

    /** The status the approval takes: modify is an approval with changes. */
    public String status() {
        return "reject".equals(action) ? Approval.REJECTED : Approval.APPROVED;
    }
}
