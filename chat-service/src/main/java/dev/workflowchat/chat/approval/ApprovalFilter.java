package dev.workflowchat.chat.approval;

import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.ApprovalContext;
import io.quarkus.panache.common.Parameters;

/**
 * Which approvals a page lists besides their status: one project, one asking agent, one risk
 * (each optional), as the inbox filters them. A request of no project is the default project's,
 * one of no risk is {@code medium}, as the cards show them.
 */
public record ApprovalFilter(String project, String agent, String risk) {

    public static final ApprovalFilter NONE = new ApprovalFilter(null, null, null);
    private static final int NAME_MAX = 200;

    /** The filter the query parameters ask for (blank: not filtered); an unknown risk or an odd name: 400. */
    public static ApprovalFilter of(String project, String agent, String risk) {
        ApprovalFilter filter = new ApprovalFilter(name("project", project), name("agent", agent), blankToNull(risk));
        if (filter.risk != null && !ApprovalContext.RISKS.contains(filter.risk)) {
            throw ProtocolException.badRequest("risk must be one of " + ApprovalContext.RISKS);
        }
        return filter;
    }

    /** The HQL conditions, each starting with {@code and}, with their parameters added to {@code parameters}. */
    String conditions(Parameters parameters) {
        StringBuilder where = new StringBuilder();
        if (project != null) {
            where.append(ChannelNames.DEFAULT_PROJECT.equals(project)
                    ? " and (project is null or project = :project)" : " and project = :project");
            parameters.and("project", project);
        }
        if (agent != null) {
            where.append(" and requestedBy = :agent");
            parameters.and("agent", agent);
        }
        if (risk != null) {
            where.append(ApprovalContext.NONE.risk().equals(risk) ? " and (risk is null or risk = :risk)" : " and risk = :risk");
            parameters.and("risk", risk);
        }
        return where.toString();
    }

    private static String name(String what, String value) {
        String name = blankToNull(value);
        if (name != null && (name.length() > NAME_MAX || name.chars().anyMatch(Character::isISOControl))) {
            throw ProtocolException.badRequest(what + " must be a name of at most " + NAME_MAX + " characters");
        }
        return name;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
