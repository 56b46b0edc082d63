package io.pkgpulse.producer.replay;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import io.pkgpulse.producer.replay.CombinedLogParser.CountryLookup;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replay --geoip FILE.mmdb}: the country of a client address from a MaxMind-format
 * database, read with MaxMind's reader, entirely in memory (the file is read once at
 * start; nothing is looked up over the network).
 * <p>
 * Two record layouts are read:
 * <ul>
 * <li>MaxMind's GeoIP2/GeoLite2 Country and City: {@code {"country": {"iso_code": "DE",
 * ...}, "registered_country": {"iso_code": "DE", ...}, ...}}; the country where the
 * address is used, else the one where its network is registered;</li>
 * <li>ip-location-db's {@code *-country-mmdb} packages: {@code {"country_code":
 * "DE"}}.</li>
 * </ul>
 * A code counts only when it is an ISO 3166-1 alpha-2 code (any letter case, sent upper
 * case): {@code EU}, {@code AP}, {@code ZZ}, {@code XK} and other user-assigned or
 * withdrawn codes give no country. Addresses that are not public (see
 * {@link ClientAddress}) are not looked up, nor are IPv6 addresses in an IPv4-only
 * database (its tree would answer for the first 32 bits).
 */
final class GeoIpCountries implements CountryLookup {

    /**
     * How many networks the check at start reads, at most, looking for one with a
     * country.
     */
    static final int PROBED_NETWORKS = 10_000;

    private static final Set<String> ISO_3166_ALPHA_2 = Set
        .copyOf(Locale.getISOCountries(Locale.IsoCountryCode.PART1_ALPHA2));

    private final Reader reader;

    private final String description;

    private GeoIpCountries(Reader reader, String description) {
        this.reader = reader;
        this.description = description;
    }

    /**
     * Reads a database and checks that it is one this class can use.
     * @throws IllegalArgumentException with a message for people: the file is missing or
     * unreadable, not a MaxMind DB file, or has no country data in either layout (an ASN
     * or an anonymous-IP database)
     */
    static GeoIpCountries open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + (Files.exists(file) ? " is not a file" : ": no such file"));
        }
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + " is not readable");
        }
        Reader reader;
        try {
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY, new CHMCache());
        }
        catch (IOException | RuntimeException ex) {
            throw new IllegalArgumentException(file + " is not a MaxMind DB (.mmdb) file: " + ex.getMessage(), ex);
        }
        Metadata metadata = reader.getMetadata();
        String description = "'" + metadata.databaseType() + "' (IPv" + metadata.ipVersion() + ", built "
                + metadata.buildTime() + ")";
        String firstKeys = null;
        try {
            Iterator<DatabaseRecord<Map>> networks = reader.networks(false, Map.class);
            for (int i = 0; i < PROBED_NETWORKS && networks.hasNext(); i++) {
                Map<?, ?> data = networks.next().data();
                if (countryCode(data) != null) {
                    return new GeoIpCountries(reader, description);
                }
                if (firstKeys == null && data != null) {
                    firstKeys = data.keySet().toString();
                }
            }
        }
        catch (IOException | InvalidNetworkException | RuntimeException ex) {
            throw new IllegalArgumentException(file + " cannot be read as a MaxMind DB: " + ex.getMessage(), ex);
        }
        throw new IllegalArgumentException(file + " has no country data: database type " + description
                + (firstKeys == null ? ", no records" : ", records with " + firstKeys)
                + "; expected country.iso_code (MaxMind GeoIP2/GeoLite2 Country or City) or country_code"
                + " (ip-location-db country databases)");
    }

    @Override
    public String countryOf(String address) {
        InetAddress ip = ClientAddress.publicAddress(address);
        if (ip == null || (ip instanceof Inet6Address && reader.getMetadata().ipVersion() == 4)) {
            return null;
        }
        try {
            return countryCode(reader.get(ip, Map.class));
        }
        catch (IOException ex) {
            return null;
        }
    }

    /** {@code 'GeoLite2-Country' (IPv6, built 2026-11-28T...)}. */
    String description() {
        return description;
    }

    /**
     * The record's ISO 3166-1 alpha-2 code in upper case, or null; see the class comment
     * for the layouts.
     */
    static String countryCode(Map<?, ?> record) {
        if (record == null) {
            return null;
        }
        String code = iso(record.get("country_code"));
        if (code == null) {
            code = iso(isoCode(record.get("country")));
        }
        if (code == null) {
            code = iso(isoCode(record.get("registered_country")));
        }
        return code;
    }

    private static Object isoCode(Object country) {
        return country instanceof Map<?, ?> map ? map.get("iso_code") : null;
    }

    private static String iso(Object code) {
        if (!(code instanceof String text) || text.length() != 2) {
            return null;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        return ISO_3166_ALPHA_2.contains(upper) ? upper : null;
    }

    /**
     * Opens {@code --geoip}'s file while the command line is parsed, so a bad database is
     * a usage error.
     */
    static final class Converter implements ITypeConverter<GeoIpCountries> {

        @Override
        public GeoIpCountries convert(String value) {
            try {
                return open(Path.of(value));
            }
            catch (IllegalArgumentException ex) {
                throw new TypeConversionException(ex.getMessage());
            }
        }

    }

}
