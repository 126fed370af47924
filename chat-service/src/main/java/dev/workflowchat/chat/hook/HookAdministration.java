package dev.workflowchat.chat.hook;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.Hook;
import dev.workflowchat.chat.service.ChannelService;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Admins make hooks (their secrets answered once), list them (never a secret) and revoke them. */
@ApplicationScoped
public class HookAdministration {

    static final int MAX_NAME_CHARS = 80;

    private final HookRepository hooks;
    private final ChannelService channels;

    public HookAdministration(HookRepository hooks, ChannelService channels) {
        this.hooks = hooks;
        this.channels = channels;
    }

    /** What an admin asks for: a bot name posting in a channel; a GitHub hook may name its project. */
    public record NewHook(String channel, String name, String kind, String project) {
    }

    /** A hook as listed: no secret, ever. */
    public record HookView(String id, String kind, String channel, String name, String project, String createdBy,
                           Instant createdAt) {

        static HookView of(Hook hook) {
            return new HookView(hook.id.toString(), hook.kind, hook.channel, hook.name, hook.project, hook.createdBy,
                    hook.createdAt);
        }
    }

    /** A hook just made, with what is shown this once: its path ({@code /hooks/<secret>}) and GitHub's signing secret. */
    public record CreatedHook(HookView hook, String path, String signingSecret) {
    }

    public Uni<CreatedHook> create(ChatUser admin, NewHook request) {
        requireAdmin(admin);
        String kind = request.kind() == null ? Hook.INCOMING : request.kind();
        if (!Hook.INCOMING.equals(kind) && !Hook.GITHUB.equals(kind)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("kind is incoming or github"));
        }
        String name = requireName(request.name());
        String project = requireProject(kind, request.project());
        String secret = HookSecrets.newSecret();
        Hook hook = new Hook();
        hook.id = UUID.randomUUID();
        hook.kind = kind;
        hook.channel = request.channel();
        hook.name = name;
        hook.project = project;
        hook.secretHash = HookSecrets.hash(secret);
        hook.signingSecret = Hook.GITHUB.equals(kind) ? HookSecrets.newSecret() : null;
        hook.createdBy = admin.username();
        hook.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (hook.channel == null) {
            return Uni.createFrom().failure(ProtocolException.badRequest("channel is required"));
        }
        return Panache.withTransaction(() -> channels.requireWritableByHook(hook.channel)
                        .chain(() -> hooks.persist(hook)))
                .invoke(() -> Log.infof("%s made %s hook %s (%s) for #%s", admin.username(), kind, hook.id, name, hook.channel))
                .map(made -> new CreatedHook(HookView.of(made), "/hooks/" + secret, made.signingSecret));
    }

    public Uni<List<HookView>> list(ChatUser admin) {
        requireAdmin(admin);
        return Panache.withSession(hooks::listActive).map(all -> all.stream().map(HookView::of).toList());
    }

    /** Revokes a hook: its URL answers 404 from now on, as an unknown one does. */
    public Uni<Void> revoke(ChatUser admin, String id) {
        requireAdmin(admin);
        UUID hookId;
        try {
            hookId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(ProtocolException.notFound("no hook " + id));
        }
        return Panache.withTransaction(() -> hooks.findById(hookId).invoke(hook -> {
                    if (hook == null || hook.revokedAt != null) {
                        throw ProtocolException.notFound("no hook " + id);
                    }
                    hook.revokedAt = Instant.now();
                }))
                .invoke(() -> Log.infof("%s revoked hook %s", admin.username(), hookId))
                .replaceWithVoid();
    }

    private static void requireAdmin(ChatUser user) {
        if (!user.isAdmin()) {
            throw ProtocolException.forbidden("only admins manage hooks");
        }
    }

    private static String requireName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > MAX_NAME_CHARS || stripped.chars().anyMatch(Character::isISOControl)) {
            throw ProtocolException.badRequest("name is the bot name its messages show: 1 to " + MAX_NAME_CHARS
                    + " characters on one line");
        }
        return stripped;
    }

    private static String requireProject(String kind, String project) {
        if (project == null || project.isBlank()) {
            return null;
        }
        if (!Hook.GITHUB.equals(kind)) {
            throw ProtocolException.badRequest("only a github hook has a project (its CI results go there)");
        }
        if (!ChannelNames.isValidProject(project)) {
            throw ProtocolException.badRequest("a project is named like a channel: lower-case letters, digits, '-' and '_'");
        }
        return project;
    }
}
