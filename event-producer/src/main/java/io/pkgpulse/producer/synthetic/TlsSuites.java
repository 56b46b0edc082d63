package io.pkgpulse.producer.synthetic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * TLS versions and ciphers clients negotiate with a CDN today: mostly TLS 1.3;
 * precomputed members.
 */
final class TlsSuites {

    private static final Weighted<byte[]> MEMBERS = Weighted.<byte[]>builder()
        .add(member("TLSv1.3", "TLS_AES_128_GCM_SHA256"), 64)
        .add(member("TLSv1.3", "TLS_AES_256_GCM_SHA384"), 20)
        .add(member("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256"), 8)
        .add(member("TLSv1.2", "ECDHE-RSA-AES128-GCM-SHA256"), 5)
        .add(member("TLSv1.2", "ECDHE-RSA-AES256-GCM-SHA384"), 2)
        .add(member("TLSv1.2", "ECDHE-RSA-CHACHA20-POLY1305"), 1)
        .build();

    private TlsSuites() {
    }

    /** {@code ,"tls_protocol":"...","tls_cipher":"..."}. */
    static byte[] pick(SplittableRandom random) {
        return MEMBERS.pick(random);
    }

    private static byte[] member(String protocol, String cipher) {
        return (",\"tls_protocol\":\"" + protocol + "\",\"tls_cipher\":\"" + cipher + "\"")
            .getBytes(StandardCharsets.US_ASCII);
    }

}
