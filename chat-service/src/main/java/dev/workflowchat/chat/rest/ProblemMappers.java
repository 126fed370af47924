package dev.workflowchat.chat.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.workflowchat.chat.service.DependencyFailures;
import dev.workflowchat.protocol.ErrorCode;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.core.multipart.MultipartParser;

/** Every REST failure becomes a problem body; a stack trace never reaches the client. */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response protocol(ProtocolException e) {
        return problem(statusOf(e.code()), e.code(), e.getMessage());
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthorized(RuntimeException e) {
        Response problem = problem(401, ErrorCode.UNAUTHORIZED, "invalid username or password, or not signed in");
        problem.getHeaders().add("WWW-Authenticate", "Bearer realm=\"wfchat\"");
        return problem;
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return problem(403, ErrorCode.FORBIDDEN, "your role does not allow this");
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        return problem(400, ErrorCode.BAD_REQUEST, e.getConstraintViolations().stream()
                .map(violation -> violation.getPropertyPath() + " " + violation.getMessage())
                .sorted()
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request"));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return problem(400, ErrorCode.BAD_REQUEST, "malformed JSON body");
    }

    /**
     * A body of the wrong shape (an array where a name goes, a list that isn't one). Quarkus's own
     * answer to this is a bare JSON object, or an empty 400 at the top level: not a problem body.
     */
    @ServerExceptionMapper
    public Response mistyped(MismatchedInputException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .reduce((outer, inner) -> inner.startsWith("[") ? outer + inner : outer + "." + inner)
                .orElse("");
        String detail = field.isEmpty()
                ? "the body is not the JSON object this endpoint takes"
                : "wrong type for " + (field.length() <= 80 ? field : field.substring(0, 80) + "…");
        return problem(400, ErrorCode.BAD_REQUEST, detail);
    }

    /** A multipart body the parser can't follow (say, a line break inside a file name) is the client's mistake. */
    @ServerExceptionMapper
    public Response malformedMultipart(MultipartParser.MalformedMessageException e) {
        return problem(400, ErrorCode.BAD_REQUEST, "malformed multipart body");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request failed");
            return problem(status, ErrorCode.INTERNAL, "something went wrong on the server");
        }
        String detail = status == 400 ? "malformed request" : e.getMessage();
        return problem(status, codeOf(status), detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        if (DependencyFailures.isUnavailable(e)) {
            Log.warnf("request failed, a dependency is unavailable: %s", e.getMessage());
            return problem(503, ErrorCode.UNAVAILABLE, "the chat is briefly unavailable; try again");
        }
        Log.errorf(e, "request failed unexpectedly");
        return problem(500, ErrorCode.INTERNAL, "something went wrong on the server");
    }

    static Response problem(int status, ErrorCode code, String detail) {
        return Response.status(status)
                .type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, code, detail))
                .build();
    }

    static int statusOf(ErrorCode code) {
        return switch (code) {
            case BAD_REQUEST -> 400;
            case UNAUTHORIZED -> 401;
            case FORBIDDEN -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case TOO_LARGE -> 413;
            case UNSUPPORTED_TYPE -> 415;
            case RATE_LIMITED -> 429;
            case GONE -> 410;
            case UNAVAILABLE -> 503;
            case INTERNAL -> 500;
        };
    }

    private static ErrorCode codeOf(int status) {
        return switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_TYPE;
            case 429 -> ErrorCode.RATE_LIMITED;
            default -> ErrorCode.BAD_REQUEST;
        };
    }
}
