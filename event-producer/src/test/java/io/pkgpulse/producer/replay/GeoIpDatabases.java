package io.pkgpulse.producer.replay;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.pkgpulse.producer.replay.MmdbWriter.Uint32;

/**
 * Small made-up GeoIP databases for tests, written by {@link MmdbWriter}: the same
 * networks in the two record layouts {@link GeoIpCountries} reads. The countries are test
 * data, not where these networks are.
 */
final class GeoIpDatabases {

    private GeoIpDatabases() {
    }

    /**
     * ip-location-db's layout, {@code {"country_code": "US"}}, IPv4 and IPv6 in one tree.
     */
    static Path ipLocationDb(Path dir) {
        Path file = dir.resolve("test-country.mmdb");
        MmdbWriter.ipv6("country ipvAll")
            .put("8.8.8.0/24", Map.of("country_code", "US"))
            .put("1.1.1.0/24", Map.of("country_code", "AU"))
            .put("81.2.69.0/24", Map.of("country_code", "GB"))
            .put("193.0.0.0/16", Map.of("country_code", "nl")) // lower case: sent upper
                                                               // case
            .put("5.5.5.0/24", Map.of("country_code", "EU")) // not ISO 3166-1: no country
            .put("6.6.6.0/24", Map.of("country_code", "ZZ")) // user-assigned: no country
            .put("7.7.7.0/24", Map.of("country_code", "XK")) // user-assigned: no country
            .put("9.9.9.0/24", Map.of("country_code", "USA")) // not alpha-2: no country
            .put("11.11.11.0/24", Map.of("country_code", ""))
            .put("12.12.12.0/24", Map.of("country_code", List.of("US")))
            .put("10.0.0.0/8", Map.of("country_code", "US")) // private: never looked up
            .put("127.0.0.0/8", Map.of("country_code", "US")) // loopback: never looked up
            .put("2001:4860::/32", Map.of("country_code", "ie"))
            .put("2a00:1450::/32", Map.of("country_code", "DE"))
            .put("fe80::/10", Map.of("country_code", "US")) // link-local: never looked up
            .put("fc00::/7", Map.of("country_code", "US")) // unique local: never looked
                                                           // up
            .put("2001:db8::/32", Map.of("country_code", "US")) // documentation: never
                                                                // looked up
            .write(file);
        return file;
    }

    /**
     * MaxMind's GeoIP2/GeoLite2 Country layout, {@code {"country": {"iso_code": "US",
     * ...}, ...}}.
     */
    static Path maxMind(Path dir) {
        Path file = dir.resolve("GeoLite2-Country-test.mmdb");
        MmdbWriter.ipv6("GeoLite2-Country")
            .put("8.8.8.0/24", maxMindRecord("NA", "US", "United States", 6252001, "US"))
            .put("1.1.1.0/24", maxMindRecord("OC", "AU", "Australia", 2077456, "AU"))
            .put("81.2.69.0/24", maxMindRecord("EU", "GB", "United Kingdom", 2635167, "GB"))
            .put("193.0.0.0/16", Map.of("continent", Map.of("code", "EU"), // no located
                                                                           // country
                    "registered_country", Map.of("iso_code", "NL", "geoname_id", new Uint32(2750405))))
            .put("5.5.5.0/24", Map.of("continent", Map.of("code", "EU"))) // a continent
                                                                          // only
            .put("10.0.0.0/8", maxMindRecord("NA", "US", "United States", 6252001, "US"))
            .put("2001:4860::/32", maxMindRecord("EU", "IE", "Ireland", 2963597, "US"))
            .put("2a00:1450::/32", maxMindRecord("EU", "DE", "Germany", 2921044, "DE"))
            .put("fe80::/10", maxMindRecord("NA", "US", "United States", 6252001, "US"))
            .write(file);
        return file;
    }

    /**
     * ip-location-db's layout in an IPv4-only database, as its {@code *-ipv4.mmdb} files.
     */
    static Path ipv4Only(Path dir) {
        Path file = dir.resolve("test-country-ipv4.mmdb");
        MmdbWriter.ipv4("country ipv4")
            .put("8.8.8.0/24", Map.of("country_code", "US"))
            .put("1.1.1.0/24", Map.of("country_code", "AU"))
            .put("32.0.0.0/8", Map.of("country_code", "FR")) // the first 32 bits of
                                                             // 2001:4860::/32 and more
            .write(file);
        return file;
    }

    /** An ASN database: valid, but with no country in either layout. */
    static Path asn(Path dir) {
        Path file = dir.resolve("GeoLite2-ASN-test.mmdb");
        MmdbWriter.ipv6("GeoLite2-ASN")
            .put("8.8.8.0/24",
                    Map.of("autonomous_system_number", new Uint32(15169), "autonomous_system_organization", "GOOGLE"))
            .put("2001:4860::/32",
                    Map.of("autonomous_system_number", new Uint32(15169), "autonomous_system_organization", "GOOGLE"))
            .write(file);
        return file;
    }

    private static Map<String, Object> maxMindRecord(String continent, String country, String name, long geonameId,
            String registered) {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("continent",
                Map.of("code", continent, "geoname_id", new Uint32(6255148), "names", Map.of("en", continent)));
        record.put("country", Map.of("geoname_id", new Uint32(geonameId), "is_in_european_union", false, "iso_code",
                country, "names", Map.of("en", name, "de", name)));
        record.put("registered_country",
                Map.of("geoname_id", new Uint32(geonameId), "iso_code", registered, "names", Map.of("en", registered)));
        return record;
    }

}
