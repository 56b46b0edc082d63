package io.pkgpulse.reporting.cache;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Tells every API instance, not only this one, that a package changed visibility: inside
 * the transaction that changes it, a {@code pkgpulse_changes} notification that
 * everything may have changed, which PostgreSQL delivers to all listeners on commit. Each
 * instance then forgets every answer and package it holds in memory, so a package made
 * private stops being served publicly by other replicas too.
 */
@Component
class VisibilityAnnouncer {

    private final JdbcClient jdbc;

    VisibilityAnnouncer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void visibilityChanged(PackageVisibilityChanged event) {
        jdbc.sql("SELECT pg_notify('pkgpulse_changes', '{\"all\":true}')::text").query(String.class).single();
    }

}
