package io.pkgpulse.model.rollups;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/**
 * Downloads of a package per category of a dimension and UTC day, mirrors apart. Written
 * by the ingest worker; read-only here.
 */
@Entity
@Table(name = "daily_category_downloads")
@Immutable
public class DailyCategoryDownloads extends DailyCount {

    @EmbeddedId
    private Key key;

    protected DailyCategoryDownloads() {
    }

    public Key getKey() {
        return key;
    }

    /** The primary key, in index order. */
    @Embeddable
    public record Key(@Column(name = "package_id") long packageId, Dimension dimension, LocalDate day,
            @Column(length = 64) String category, boolean mirror) {
    }

}
