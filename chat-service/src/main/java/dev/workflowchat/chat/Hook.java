package dev.workflowchat.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A webhook an admin bound to a channel: {@code incoming} (Slack/Mattermost-style text) or
 * {@code github} (signed GitHub events, CI results signalled to {@code project}). Its URL's secret
 * is kept only as a hash; a GitHub hook's signing secret as it is, since checking an HMAC needs it.
 */
@Entity
@Table(name = "hooks")
public class Hook {

    public static final String INCOMING = "incoming";
    public static final String GITHUB = "github";

    @Id
    public UUID id;

    public String kind;

    public String channel;

    /** The bot name its messages are shown under. */
    public String name;

    /** The workflow project a GitHub hook's CI results are signalled to; null: the default one. */
    public String project;

    @Column(name = "secret_hash")
    public String secretHash;

    @Column(name = "signing_secret")
    public String signingSecret;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    /** When an admin revoked it: its URL answers 404 from then on; null while active. */
    @Column(name = "revoked_at")
    public Instant revokedAt;

    public boolean isGitHub() {
        return GITHUB.equals(kind);
    }
}
