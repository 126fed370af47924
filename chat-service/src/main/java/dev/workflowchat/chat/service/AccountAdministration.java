package dev.workflowchat.chat.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.workflowchat.chat.ChatUser;
import dev.workflowchat.chat.User;
import dev.workflowchat.chat.announce.DirectoryAnnouncements;
import dev.workflowchat.chat.repository.UserRepository;
import dev.workflowchat.chat.security.PasswordHasher;
import dev.workflowchat.protocol.NulCharacters;
import dev.workflowchat.protocol.ProtocolException;
import dev.workflowchat.protocol.model.Role;
import dev.workflowchat.protocol.model.UserView;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Changing accounts after they exist: an admin sets a person's display name and roles or a new
 * password; a person sets their own display name. Every open page hears of a name or role change
 * ({@code user.updated}); the chat always keeps an enabled admin.
 */
@ApplicationScoped
public class AccountAdministration {

    static final int MAX_DISPLAY_NAME_CHARS = 64;
    /** Letters and digits that can't be mistaken for one another when read out or copied by hand. */
    private static final String PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int GENERATED_PASSWORD_CHARS = 16;

    private final UserRepository users;
    private final AccountService accounts;
    private final PasswordHasher hasher;
    private final DirectoryAnnouncements directory;
    private final SecureRandom random = new SecureRandom();

    public AccountAdministration(UserRepository users, AccountService accounts, PasswordHasher hasher,
                                 DirectoryAnnouncements directory) {
        this.users = users;
        this.accounts = accounts;
        this.hasher = hasher;
        this.directory = directory;
    }

    /** What an admin changes in an account; a field left null stays as it is. */
    public record AccountChange(String displayName, List<String> roles) {
    }

    /** A password an admin set: {@code generatedPassword} is the one made up, shown this once (null when typed). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PasswordReset(UserView user, String generatedPassword) {
    }

    /** An admin changes a person's display name or roles; nobody takes away their own admin role. */
    public Uni<UserView> update(ChatUser admin, String username, AccountChange change) {
        Set<String> roles;
        try {
            requireAdmin(admin);
            if (change.displayName() == null && change.roles() == null) {
                throw ProtocolException.badRequest("give a display_name or roles to change");
            }
            checkDisplayName(change.displayName());
            roles = change.roles() == null ? null : AccountService.roles(change.roles());
            if (roles != null && admin.username().equals(username) && !roles.contains(Role.ADMIN.wireName())) {
                throw ProtocolException.badRequest("you can't take away your own admin role: another admin can");
            }
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> requireUser(username)
                        .call(user -> roles != null && isAdmin(user) && !roles.contains(Role.ADMIN.wireName())
                                ? accounts.requireAnotherAdmin(username) : Uni.createFrom().voidItem())
                        .invoke(user -> {
                            if (change.displayName() != null) {
                                user.displayName = change.displayName().strip();
                            }
                            if (roles != null) {
                                user.roles = roles.toArray(String[]::new);
                            }
                        }))
                .invoke(user -> Log.infof("admin %s changed user %s: roles %s", admin.username(), username,
                        Arrays.toString(user.roles)))
                .call(user -> directory.user(AccountService.toChatUser(user).view()))
                .map(user -> AccountService.viewFor(admin, user));
    }

    /** A person changes their own display name. */
    public Uni<UserView> rename(ChatUser person, String displayName) {
        try {
            if (displayName == null) {
                throw ProtocolException.badRequest("a display_name is required");
            }
            checkDisplayName(displayName);
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.withTransaction(() -> requireUser(person.username())
                        .invoke(user -> user.displayName = displayName.strip()))
                .map(user -> AccountService.toChatUser(user).view())
                .call(directory::user);
    }

    /**
     * An admin sets someone else's password, typed or (when {@code password} is null) made up; the
     * person's sessions end, so whoever held one must sign in with the new password.
     */
    public Uni<PasswordReset> resetPassword(ChatUser admin, String username, String password) {
        try {
            requireAdmin(admin);
            if (admin.username().equals(username)) {
                throw ProtocolException.badRequest("change your own password with your current one (POST /api/me/password)");
            }
            if (password != null) {
                PasswordHasher.requireSettable(password, "password");
            }
        } catch (ProtocolException e) {
            return Uni.createFrom().failure(e);
        }
        String next = password == null ? generatedPassword() : password;
        return hasher.hash(next)
                .chain(hash -> Panache.withTransaction(() -> requireUser(username)
                        .invoke(user -> user.passwordHash = hash)))
                .call(user -> accounts.endSessions(username, null))
                .invoke(user -> Log.infof("admin %s set a new password for user %s", admin.username(), username))
                .map(user -> new PasswordReset(AccountService.viewFor(admin, user), password == null ? next : null));
    }

    private Uni<User> requireUser(String username) {
        return users.findById(username).onItem().ifNull().failWith(() -> ProtocolException.notFound("no user " + username));
    }

    private String generatedPassword() {
        StringBuilder password = new StringBuilder(GENERATED_PASSWORD_CHARS);
        for (int i = 0; i < GENERATED_PASSWORD_CHARS; i++) {
            password.append(PASSWORD_ALPHABET.charAt(random.nextInt(PASSWORD_ALPHABET.length())));
        }
        return password.toString();
    }

    private static void requireAdmin(ChatUser admin) {
        if (!admin.isAdmin()) {
            throw ProtocolException.forbidden("only admins change other people's accounts");
        }
    }

    private static boolean isAdmin(User user) {
        return Arrays.asList(user.roles).contains(Role.ADMIN.wireName());
    }

    private static void checkDisplayName(String displayName) {
        if (displayName != null && (displayName.isBlank() || displayName.strip().length() > MAX_DISPLAY_NAME_CHARS
                || NulCharacters.in(displayName))) {
            throw ProtocolException.badRequest("display_name: 1 to " + MAX_DISPLAY_NAME_CHARS + " characters, no NUL");
        }
    }
}
