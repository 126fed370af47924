package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A person's account; the username is the public user id. */
@Entity
@Table(name = "users")
public class User {

    @Id
    public String username;

    @Column(name = "display_name")
    public String displayName;

    @Column(name = "password_hash")
    public String passwordHash;

    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] roles;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When an admin disabled the account (it can't log in, its sessions ended); null while enabled. */
    @Column(name = "disabled_at")
    public Instant disabledAt;

    public boolean isDisabled() {
        return disabledAt != null;
    }
}
