package dev.workflowchat.chat.service;

import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.User;
import dev.workflowchat.chat.announce.ChangeEvents;
import dev.workflowchat.chat.announce.RedisEvents;
import dev.workflowchat.chat.config.ChatConfig;
import dev.workflowchat.chat.repository.UserRepository;
import dev.workflowchat.chat.security.PasswordHasher;
import dev.workflowchat.chat.security.SessionStore;
import dev.workflowchat.chat.security.SessionTokens;
import dev.workflowchat.protocol.ChannelNames;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.event.Envelope;
import dev.workflowchat.protocol.event.EventTypes;
import dev.workflowchat.protocol.model.Role;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Accounts and sessions: log in, log out, create users. */
@ApplicationScoped
public class AccountService {

    private static final int MAX_DISPLAY_NAME_CHARS = 64;

    private final UserRepository users;
    private final SessionStore sessions;
    private final PasswordHasher hasher;
    private final ChatConfig config;
    private final RedisEvents events;

    public AccountService(UserRepository users, SessionStore sessions, PasswordHasher hasher, ChatConfig config,
                          RedisEvents events) {
        this.users = users;
        this.sessions = sessions;
        this.hasher = hasher;
        this.config = config;
        this.events = events;
    }

    /** A signed-in user and the token of the new session. */
    public record Login(UserView user, String token) {
    }

    /** A new account, as an admin asks for it. */
    public record NewUser(String username, String password, String displayName, List<String> roles) {
    }

    public Uni<Login> login(String username, String password) {
        // no password that long can be set, and bcrypt would read only its first 72 bytes
        if (username == null || password == null || PasswordHasher.tooLong(password)) {
            return Uni.createFrom().failure(new AuthenticationFailedException("invalid username or password"));
        }
        String name = username.strip().toLowerCase(java.util.Locale.ROOT);
        return Panache.withSession(() -> users.findById(name))
                .chain(user -> hasher.matches(password, user == null ? null : user.passwordHash)
                        .map(matches -> {
                            // a disabled account answers as a wrong password: whether it exists is no one's business
                            if (!matches || user.isDisabled()) {
                                throw new AuthenticationFailedException("invalid username or password");
                            }
                            return toChatUser(user);
                        }))
                .chain(user -> sessions.create(user.username(), config.session().ttl())
                        .map(token -> new Login(user.view(), token)))
                .invoke(login -> Log.infof("user %s logged in", login.user().username()));
    }

    /** Ends a session; every replica closes the sockets opened with it. */
    public Uni<Void> logout(String token) {
        Envelope ended = Envelope.create(EventTypes.SESSION_ENDED, ChangeEvents.SOURCE, null,
                Map.of("token_hash", SessionTokens.hash(token)));
        return sessions.delete(token)
                .chain(() -> events.publishEphemeral(ended)
                        .onFailure().invoke(failure -> Log.warnf("could not announce a logout: %s", failure.getMessage()))
                        .onFailure().recoverWithNull());
    }

    public Uni<UserView> create(ChatUser admin, NewUser request) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins create users"));
        }
        Set<String> roles;
        try {
            roles = validate(request);
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        String displayName = request.displayName() == null || request.displayName().isBlank()
                ? request.username() : request.displayName().strip();
        return hasher.hash(request.password())
                .chain(hash -> Panache.withTransaction(() -> users.findById(request.username())
                        .chain(existing -> {
                            if (existing != null) {
                                throw ProtocolException.conflict("user " + request.username() + " already exists");
                            }
                            User user = new User();
                            user.username = request.username();
                            user.displayName = displayName;
                            user.passwordHash = hash;
                            user.roles = roles.toArray(String[]::new);
                            user.createdAt = Instant.now();
                            return users.persist(user);
                        })))
                .map(user -> toChatUser(user).view())
                .invoke(user -> Log.infof("admin %s created user %s with roles %s",
                        admin.username(), user.username(), user.roles()));
    }

    /** Everyone's account; an admin also sees which are disabled. */
    public Uni<List<UserView>> list(ChatUser reader) {
        return Panache.withSession(() -> users.listAll(io.quarkus.panache.common.Sort.by("username")))
                .map(all -> all.stream().map(user -> viewFor(reader, user)).toList());
    }

    /**
     * A person changes their own password, giving the current one; every other session of theirs
     * ends (a stolen session must not outlive the change), the one they are using stays.
     */
    public Uni<Void> changePassword(ChatUser person, String currentToken, String current, String next) {
        try {
            PasswordHasher.requireSettable(next, "new_password");
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withSession(() -> users.findById(person.username()))
                .chain(user -> hasher.matches(current == null || PasswordHasher.tooLong(current) ? "" : current,
                        user == null ? null : user.passwordHash))
                .chain(matches -> {
                    if (!matches) {
                        throw ProtocolException.forbidden("the current password is not right");
                    }
                    return hasher.hash(next);
                })
                .chain(hash -> Panache.withTransaction(() -> users.update("passwordHash = ?1 where username = ?2",
                        hash, person.username())))
                .chain(() -> endSessions(person.username(), SessionTokens.hash(currentToken)))
                .invoke(ended -> Log.infof("user %s changed their password; %d other sessions ended",
                        person.username(), ended))
                .replaceWithVoid();
    }

    /** An admin disables an account (it can't log in, every session ends at once) or enables it again. */
    public Uni<UserView> setDisabled(ChatUser admin, String username, boolean disabled) {
        if (!admin.isAdmin()) {
            return Uni.createFrom().failure(ProtocolException.forbidden("only admins disable accounts"));
        }
        if (disabled && admin.username().equals(username)) {
            return Uni.createFrom().failure(ProtocolException.badRequest("you can't disable your own account"));
        }
        return Panache.withTransaction(() -> users.findById(username)
                        .onItem().ifNull().failWith(() -> ProtocolException.notFound("no user " + username))
                        .call(user -> disabled && Arrays.asList(user.roles).contains(Role.ADMIN.wireName())
                                ? requireAnotherAdmin(username) : Uni.createFrom().voidItem())
                        .invoke(user -> user.disabledAt = disabled ? (user.isDisabled() ? user.disabledAt : Instant.now())
                                : null))
                .call(user -> disabled ? endSessions(username, null) : Uni.createFrom().voidItem())
                .invoke(user -> Log.infof("admin %s %s user %s", admin.username(), disabled ? "disabled" : "enabled",
                        username))
                .map(user -> viewFor(admin, user));
    }

    /** Refuses a change that would leave no enabled admin but {@code username}; locks the others till the commit. */
    Uni<Void> requireAnotherAdmin(String username) {
        return users.otherActiveAdmins(username).invoke(others -> {
            if (others == 0) {
                throw ProtocolException.conflict(username + " is the last admin; make someone else admin first");
            }
        }).replaceWithVoid();
    }

    /** Ends the user's sessions but {@code keptHash}; every replica closes their sockets. How many ended. */
    Uni<Integer> endSessions(String username, String keptHash) {
        return sessions.deleteAllOf(username, keptHash).call(ended -> {
            List<Uni<Void>> announced = ended.stream().map(hash -> events.publishEphemeral(Envelope.create(
                            EventTypes.SESSION_ENDED, ChangeEvents.SOURCE, null, Map.of("token_hash", hash)))
                    .onFailure().invoke(failure -> Log.warnf("could not announce an ended session: %s", failure.getMessage()))
                    .onFailure().recoverWithNull()).toList();
            return announced.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(announced).andFailFast();
        }).map(List::size);
    }

    static UserView viewFor(ChatUser reader, User user) {
        UserView view = toChatUser(user).view();
        return reader.isAdmin() && user.isDisabled()
                ? new UserView(view.id(), view.username(), view.displayName(), view.roles(), true) : view;
    }

    private static Set<String> validate(NewUser request) {
        if (!ChannelNames.isValidUsername(request.username())) {
            throw ProtocolException.badRequest("username: 2 to 32 lower-case letters, digits, '.', '-' or '_'");
        }
        PasswordHasher.requireSettable(request.password(), "password");
        if (request.displayName() != null && request.displayName().length() > MAX_DISPLAY_NAME_CHARS) {
            throw ProtocolException.badRequest("display_name longer than " + MAX_DISPLAY_NAME_CHARS + " characters");
        }
        return roles(request.roles());
    }

    /** The roles asked for, as stored: every person is a member. */
    static Set<String> roles(List<String> asked) {
        Set<String> roles = new LinkedHashSet<>();
        roles.add(Role.MEMBER.wireName());
        for (String role : asked == null ? List.<String>of() : asked) {
            roles.add(Role.fromWire(role)
                    .orElseThrow(() -> ProtocolException.badRequest("unknown role: " + role + " (member, approver, admin)"))
                    .wireName());
        }
        return roles;
    }

    public static ChatUser toChatUser(User user) {
        return new ChatUser(user.username, user.displayName, new LinkedHashSet<>(Arrays.asList(user.roles)));
    }
}
