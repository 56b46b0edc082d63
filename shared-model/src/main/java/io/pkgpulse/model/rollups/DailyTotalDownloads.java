package io.pkgpulse.model.rollups;

import java.time.LocalDate;

import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of all packages per UTC day, mirrors apart (pypistats' {@code __all__}).
 * Written by the ingest worker; read-only here.
 */
@Entity
@Table(name = "daily_total_downloads")
@Immutable
public class DailyTotalDownloads extends DailyCount {

    @EmbeddedId
    private Key key;

    protected DailyTotalDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order. */
    @Embeddable
    public record Key(LocalDate day, boolean mirror) {
    }

}
