package io.pkgpulse.producer.replay;

import io.pkgpulse.producer.event.EventBuffer;
import io.pkgpulse.producer.event.Rfc3339;

/**
 * Writes a download read from an access log as an event: timestamp, the country when a
 * GeoIP database gave one ({@code --geoip}), URL, project, file and the raw user agent
 * (the worker derives the details from it). Never the client address: the contract has no
 * field for it. No {@code event_id}: a log line has none, and one made up here would
 * differ on every replay of the same log.
 */
final class LogEventWriter {

    private final EventBuffer buffer = new EventBuffer(1024);

    byte[] write(LogLine.Download download) {
        Distribution file = download.distribution();
        EventBuffer out = buffer.reset();
        out.appendAscii("{\"timestamp\":\"");
        Rfc3339.append(out, download.epochMillis());
        out.append('"');
        if (download.countryCode() != null) {
            out.appendAscii(",\"country_code\":").appendJsonString(download.countryCode());
        }
        if (download.path() != null) {
            out.appendAscii(",\"url\":").appendJsonString(download.path());
        }
        out.appendAscii(",\"project\":")
            .appendJsonString(file.project())
            .appendAscii(",\"file\":{\"filename\":")
            .appendJsonString(file.filename())
            .appendAscii(",\"project\":")
            .appendJsonString(file.project())
            .appendAscii(",\"version\":")
            .appendJsonString(file.version())
            .appendAscii(",\"type\":")
            .appendJsonString(file.type())
            .append('}');
        if (download.userAgent() != null) {
            out.appendAscii(",\"user_agent\":").appendJsonString(download.userAgent());
        }
        return out.append('}').toByteArray();
    }

}
