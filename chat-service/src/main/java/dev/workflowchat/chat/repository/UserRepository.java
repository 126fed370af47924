package dev.workflowchat.chat.repository;

import dev.workflowchat.chat.User;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class UserRepository implements PanacheRepositoryBase<User, String> {
}
