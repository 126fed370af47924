package dev.workflowchat.protocol.event;

import com.fasterxml.jackson.databind.JsonNode;
import dev.workflowchat.protocol.ChannelNames;
import java.util.List;

/**
 * How an approval request is to be decided besides by whom: how many distinct approvers it needs
 * ({@code required_approvals}, 1–5, default 1), what silence means ({@code on_expiry}: {@code reject}, the
 * default, or {@code approve}, allowed only for {@code low} risk) and who hears of it when nobody
 * decides ({@code escalate_to}: a username or {@value #ADMINS}, the default).
 */
public record ApprovalTerms(int requiredApprovals, String onExpiry, String escalateTo) {

    public static final String ADMINS = "role:admin";
    public static final String REJECT = "reject";
    public static final String APPROVE = "approve";
    public static final int MAX_APPROVALS = 5;
    public static final ApprovalTerms DEFAULT = new ApprovalTerms(1, REJECT, ADMINS);

    static ApprovalTerms of(String id, JsonNode data, String risk) {
        JsonNode required = data.get("required_approvals");
        int approvals = 1;
        if (required != null && !required.isNull()) {
            if (!required.canConvertToInt() || !required.isIntegralNumber()
                    || required.intValue() < 1 || required.intValue() > MAX_APPROVALS) {
                throw new InvalidEventException(id, "required_approvals must be 1 to " + MAX_APPROVALS);
            }
            approvals = required.intValue();
        }
        String onExpiry = text(id, data, "on_expiry", REJECT);
        if (!List.of(REJECT, APPROVE).contains(onExpiry)) {
            throw new InvalidEventException(id, "on_expiry must be reject or approve");
        }
        if (APPROVE.equals(onExpiry) && !"low".equals(risk)) {
            throw new InvalidEventException(id, "on_expiry approve is allowed only for low risk");
        }
        String escalateTo = text(id, data, "escalate_to", ADMINS);
        if (!ADMINS.equals(escalateTo) && !ChannelNames.isValidUsername(escalateTo)) {
            throw new InvalidEventException(id, "escalate_to must be a username or role:admin");
        }
        return new ApprovalTerms(approvals, onExpiry, escalateTo);
    }

    private static String text(String id, JsonNode data, String name, String otherwise) {
        JsonNode value = data.get(name);
        if (value == null || value.isNull()) {
            return otherwise;
        }
        if (!value.isTextual()) {
            throw new InvalidEventException(id, name + " must be a string");
        }
        return value.textValue();
    }
}
