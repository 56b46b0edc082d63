package io.pkgpulse.ingest.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A download event as producers send it: the shape of PyPI's {@code file_downloads} rows
 * (linehaul), plus an optional {@code event_id}, an optional raw {@code user_agent} used
 * when {@code details} is absent, and the {@code import} object of a history import. JSON
 * names are snake_case ({@link EventJson}). Nothing here is validated yet; see
 * {@link EventValidator}.
 */
public record DownloadEvent(String eventId, String timestamp, String countryCode, String url, String project,
        FileInfo file, Details details, String userAgent, String tlsProtocol, String tlsCipher,
        @JsonProperty("import") ImportLine importLine) {

    /**
     * Where a history import's event comes from: the SHA-256 of the imported file (64 hex
     * digits) and the line's number in it, counted from 1; {@code file} is the file's
     * name, for people.
     */
    public record ImportLine(String sha256, Long line, String file) {
    }

    /** The downloaded file. */
    public record FileInfo(String filename, String project, String version, String type) {
    }

    /**
     * What the installer says about itself and its environment (pip's and uv's user-agent
     * JSON).
     */
    public record Details(Installer installer, String python, Implementation implementation, Distro distro,
            OperatingSystem system, String cpu, String opensslVersion, String setuptoolsVersion, String rustcVersion,
            Boolean ci) {

        /** Details with only an installer, as most non-pip agents give. */
        public static Details ofInstaller(String name, String version) {
            return new Details(new Installer(name, version, null), null, null, null, null, null, null, null, null,
                    null);
        }
    }

    public record Installer(String name, String version, String subcommand) {
    }

    public record Implementation(String name, String version) {
    }

    public record Distro(String name, String version, String id, Libc libc) {
    }

    public record Libc(String lib, String version) {
    }

    /**
     * {@code details.system}: {@code Linux}, {@code Windows}, {@code Darwin}, ... and the
     * kernel release.
     */
    public record OperatingSystem(String name, String release) {
    }
}
