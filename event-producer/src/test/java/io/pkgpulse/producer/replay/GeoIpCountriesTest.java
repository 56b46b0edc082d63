package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.pkgpulse.producer.replay.MmdbWriter.Uint32;

class GeoIpCountriesTest {

    @TempDir
    Path dir;

    @Test
    void theIpLocationDbLayoutIsRead() {
        GeoIpCountries countries = GeoIpCountries.open(GeoIpDatabases.ipLocationDb(dir));

        assertThat(countries.countryOf("8.8.8.8")).isEqualTo("US");
        assertThat(countries.countryOf("1.1.1.1")).isEqualTo("AU");
        assertThat(countries.countryOf("81.2.69.160")).isEqualTo("GB");
        assertThat(countries.countryOf("193.0.6.139")).isEqualTo("NL");
        assertThat(countries.countryOf("::ffff:8.8.8.4")).as("IPv4-mapped, as a dual-stack nginx logs it")
            .isEqualTo("US");
        assertThat(countries.countryOf("2001:4860:4860::8888")).isEqualTo("IE");
        assertThat(countries.countryOf("2a00:1450:4001:80b::200e")).isEqualTo("DE");
        assertThat(countries.description()).startsWith("'country ipvAll' (IPv6, built ");
    }

    @Test
    void theMaxMindLayoutIsRead() {
        GeoIpCountries countries = GeoIpCountries.open(GeoIpDatabases.maxMind(dir));

        assertThat(countries.countryOf("8.8.8.8")).isEqualTo("US");
        assertThat(countries.countryOf("81.2.69.160")).isEqualTo("GB");
        assertThat(countries.countryOf("2001:4860:4860::8888")).as("country, not registered_country").isEqualTo("IE");
        assertThat(countries.countryOf("2a00:1450:4001:80b::200e")).isEqualTo("DE");
        assertThat(countries.countryOf("193.0.6.139")).as("registered_country when there is no country")
            .isEqualTo("NL");
        assertThat(countries.countryOf("5.5.5.5")).as("a continent only").isNull();
    }

    @Test
    void codesThatAreNotIso3166Alpha2GiveNoCountry() {
        GeoIpCountries countries = GeoIpCountries.open(GeoIpDatabases.ipLocationDb(dir));

        for (String address : new String[] { "5.5.5.5", "6.6.6.6", "7.7.7.7", "9.9.9.9", "11.11.11.11",
                "12.12.12.12" }) {
            assertThat(countries.countryOf(address)).as(address).isNull();
        }
        assertThat(GeoIpCountries.countryCode(Map.of("country_code", "de"))).isEqualTo("DE");
        assertThat(GeoIpCountries.countryCode(Map.of("country_code", "AP"))).isNull();
        assertThat(GeoIpCountries.countryCode(Map.of("country", "US"))).isNull();
        assertThat(GeoIpCountries.countryCode(Map.of("country", Map.of("iso_code", 12)))).isNull();
        assertThat(GeoIpCountries.countryCode(null)).isNull();
    }

    @Test
    void addressesThatAreNotPublicOrNotAddressesGiveNoCountry() {
        GeoIpCountries ipLocation = GeoIpCountries.open(GeoIpDatabases.ipLocationDb(dir));
        GeoIpCountries maxMind = GeoIpCountries.open(GeoIpDatabases.maxMind(dir));

        // The databases map these networks to a country; they are not looked up at all.
        for (String address : new String[] { "10.1.2.3", "127.0.0.1", "::1", "::", "0.0.0.0", "fe80::1", "fd00::1",
                "2001:db8::1", "::ffff:10.1.2.3", "-", "", "unknown", "google.com", "8.8.8.8:53", "fe80::1%eth0" }) {
            assertThat(ipLocation.countryOf(address)).as(address).isNull();
            assertThat(maxMind.countryOf(address)).as(address).isNull();
        }
        assertThat(ipLocation.countryOf("9.10.11.12")).as("not in the database").isNull();
        assertThat(ipLocation.countryOf("2c0f:f248::1")).as("not in the database").isNull();
    }

    @Test
    void anIpv4OnlyDatabaseLocatesNoIpv6Address() {
        GeoIpCountries countries = GeoIpCountries.open(GeoIpDatabases.ipv4Only(dir));

        assertThat(countries.countryOf("8.8.8.8")).isEqualTo("US");
        assertThat(countries.countryOf("::ffff:1.1.1.1")).isEqualTo("AU");
        // Its tree would answer FR from the first 32 bits (32.1.72.96).
        assertThat(countries.countryOf("2001:4860:4860::8888")).isNull();
    }

    @Test
    void aDatabaseThatCannotBeUsedIsAClearError() throws IOException {
        assertThatThrownBy(() -> GeoIpCountries.open(dir.resolve("missing.mmdb")))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageEndingWith("missing.mmdb: no such file");
        assertThatThrownBy(() -> GeoIpCountries.open(dir)).hasMessageEndingWith(" is not a file");

        Path text = Files.writeString(dir.resolve("access.log"), "8.8.8.8 - - [04/Dec/2026:17:28:01 +0000] ...\n");
        assertThatThrownBy(() -> GeoIpCountries.open(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith(text + " is not a MaxMind DB (.mmdb) file: ");
        Path empty = Files.createFile(dir.resolve("empty.mmdb"));
        assertThatThrownBy(() -> GeoIpCountries.open(empty)).hasMessageStartingWith(empty + " is not a MaxMind DB");

        Path asn = GeoIpDatabases.asn(dir);
        assertThatThrownBy(() -> GeoIpCountries.open(asn)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining(asn + " has no country data: database type 'GeoLite2-ASN'")
            .hasMessageContaining("autonomous_system_number")
            .hasMessageContaining("expected country.iso_code");

        Path noRecords = dir.resolve("empty-tree.mmdb");
        MmdbWriter.ipv6("country ipvAll").write(noRecords);
        assertThatThrownBy(() -> GeoIpCountries.open(noRecords)).hasMessageContaining("no country data")
            .hasMessageContaining("no records");

        Path onlyBadCodes = dir.resolve("bad-codes.mmdb");
        MmdbWriter.ipv6("country ipvAll")
            .put("5.5.5.0/24", Map.of("country_code", "EU"))
            .put("6.6.6.0/24", Map.of("country_code", new Uint32(840)))
            .write(onlyBadCodes);
        assertThatThrownBy(() -> GeoIpCountries.open(onlyBadCodes)).hasMessageContaining("no country data");

        Path truncated = dir.resolve("truncated.mmdb");
        byte[] whole = Files.readAllBytes(GeoIpDatabases.ipLocationDb(dir));
        Files.write(truncated, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertThatThrownBy(() -> GeoIpCountries.open(truncated)).isInstanceOf(IllegalArgumentException.class);
    }

}
