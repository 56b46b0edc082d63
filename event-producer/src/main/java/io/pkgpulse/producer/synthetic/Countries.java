package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Where downloads come from (ISO 3166-1 alpha-2), weighted roughly like PyPI's traffic:
 * the United States far ahead, then China, Germany, the UK, India, Ireland (cloud
 * regions), ... About 5 % of events have no country, as when an address cannot be
 * located. Picks are precomputed {@code ,"country_code":"US"} members (or nothing).
 */
final class Countries {

    static final double ABSENT_SHARE = 0.05;

    private static final Object[][] WEIGHTS = { { "US", 34.0 }, { "CN", 7.0 }, { "DE", 6.0 }, { "GB", 4.0 },
            { "IN", 4.0 }, { "IE", 3.5 }, { "FR", 3.0 }, { "JP", 3.0 }, { "NL", 3.0 }, { "SG", 2.5 }, { "CA", 2.5 },
            { "BR", 2.0 }, { "KR", 2.0 }, { "AU", 1.8 }, { "SE", 1.2 }, { "RU", 1.2 }, { "PL", 1.0 }, { "ES", 1.0 },
            { "IT", 1.0 }, { "CH", 1.0 }, { "FI", 0.8 }, { "HK", 0.8 }, { "TW", 0.8 }, { "IL", 0.7 }, { "BE", 0.6 },
            { "VN", 0.6 }, { "ID", 0.6 }, { "TR", 0.5 }, { "MX", 0.5 }, { "UA", 0.5 }, { "ZA", 0.4 }, { "AR", 0.3 },
            { "NO", 0.3 }, { "DK", 0.3 }, { "AT", 0.3 }, { "CZ", 0.3 }, { "PT", 0.2 }, { "NZ", 0.2 }, { "TH", 0.2 },
            { "MY", 0.2 }, };

    private static final byte[] ABSENT = new byte[0];

    private static final Weighted<byte[]> MEMBERS;

    static {
        double total = 0;
        for (Object[] row : WEIGHTS) {
            total += (Double) row[1];
        }
        Weighted.Builder<byte[]> builder = Weighted.builder();
        for (Object[] row : WEIGHTS) {
            builder.add((",\"country_code\":\"" + row[0] + "\"").getBytes(StandardCharsets.US_ASCII), (Double) row[1]);
        }
        MEMBERS = builder.add(ABSENT, total * ABSENT_SHARE / (1 - ABSENT_SHARE)).build();
    }

    private Countries() {
    }

    /** A {@code ,"country_code":"XX"} member, or an empty array for none. */
    static byte[] pick(SplittableRandom random) {
        return MEMBERS.pick(random);
    }

}
