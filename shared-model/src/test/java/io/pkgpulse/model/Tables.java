package io.pkgpulse.model;

import org.springframework.jdbc.core.JdbcTemplate;

/** Empties every table of the model, so that each test counts only its own rows. */
public final class Tables {

    private Tables() {
    }

    public static void truncateAll(JdbcTemplate jdbc) {
        jdbc.execute(
                """
                        TRUNCATE packages, releases, licenses, downloads, client_profiles, daily_downloads, daily_release_downloads,
                                 daily_category_downloads, daily_total_downloads, daily_total_category_downloads,
                                 hourly_downloads, hourly_release_downloads, hourly_total_downloads,
                                 users, maintainers, password_resets, consumer_offsets, download_archives CASCADE""");
    }

}
