package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A public channel or an agent's DM channel ({@code dm:<agent>}). */
@Entity
@Table(name = "channels")
public class Channel {

    public static final String PUBLIC = "public";
    public static final String DM = "dm";

    @Id
    public String name;

    public String description;

    public String kind;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The workflow project the channel is bound to; null: the default one. */
    public String project;

    /** What people see instead of the name, which is a key everywhere and never changes; null: the name. */
    public String title;

    /** When an admin archived it: listed to no one, no new messages; null while open. */
    @Column(name = "archived_at")
    public Instant archivedAt;

    public boolean isArchived() {
        return archivedAt != null;
    }
}
