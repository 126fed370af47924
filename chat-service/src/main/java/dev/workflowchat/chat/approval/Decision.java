package dev.workflowchat.chat.approval;

import dev.workflowchat.chat.Approval;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import java.util.Map;
import java.util.Set;

/** A person's decision on an approval, checked before anything is touched. */
public record Decision(String action, String comment, Map<String, Object> modifications) {

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
        if (comment != null && comment.length() > 4000) {
            throw ProtocolException.badRequest("comment longer than 4000 characters");
        }
        // REST binds modifications as plain maps, whose nested keys no string check sees
        if (NulCharacters.in(comment) || NulCharacters.in(modifications)) {
            throw ProtocolException.badRequest(NulCharacters.REFUSED);
        }
    }

    /** The status the approval takes: modify is an approval with changes. */
    public String status() {
        return "reject".equals(action) ? Approval.REJECTED : Approval.APPROVED;
    }
}
