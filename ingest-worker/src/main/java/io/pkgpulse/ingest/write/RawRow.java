package io.pkgpulse.ingest.write;

import java.time.Instant;
import java.util.List;

import io.pkgpulse.ingest.events.ValidEvent;

/**
 * One raw row of {@code downloads}, and the one place that says which columns a raw row
 * has and in which order: the COPY statement ({@link DownloadCopy}), the encoding below
 * and the tests take them from here. The order is the table's (migration V6), which
 * shared-model's archive files repeat ({@code ArchiveFiles.COLUMNS}); a test checks that
 * the three agree.
 *
 * @param clientProfileId null when the client said nothing
 * @param fileType the code of the file type ({@code file_types})
 * @param countryCode ISO 3166 alpha-2, or null
 */
record RawRow(long id, Instant downloadedAt, long packageId, long releaseId, Integer clientProfileId, short fileType,
        String countryCode) {

    /** The columns, in the order {@link #encode} writes them. */
    static final List<String> COLUMNS = List.of("id", "downloaded_at", "package_id", "release_id", "client_profile_id",
            "file_type", "country_code");

    /** The raw row of {@code resolved}, under the id {@code id} reserved for it. */
    static RawRow of(long id, ResolvedEvent resolved) {
        ValidEvent event = resolved.event();
        return new RawRow(id, event.timestamp(), resolved.packageId(), resolved.releaseId(), resolved.clientProfileId(),
                event.fileType().code(), event.countryCode());
    }

    /** Writes the row's fields, one per column of {@link #COLUMNS}, in that order. */
    void encode(DownloadCopy copy) {
        copy.column(id)
            .column(downloadedAt)
            .column(packageId)
            .column(releaseId)
            .column(clientProfileId)
            .column(fileType)
            .column(countryCode);
    }
}
