package io.pkgpulse.model.rollups;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of a package per UTC day, mirrors apart. Written by the ingest worker;
 * read-only here.
 */
@Entity
@Table(name = "daily_downloads")
@Immutable
public class DailyDownloads extends DailyCount {

    @EmbeddedId
    private Key key;

    protected DailyDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order. */
    @Embeddable
    public record Key(@Column(name = "package_id") long packageId, LocalDate day, boolean mirror) {
    }

}
