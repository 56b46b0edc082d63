package io.pkgpulse.producer.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    @Test
    void literalsAreReadAsTheJdkReadsThem() throws Exception {
        for (String literal : new String[] { "8.8.8.8", "0.0.0.0", "255.255.255.255", "2001:4860:4860::8888",
                "2a00:1450:4001:80b::200e", "::", "::1", "1::", "fe80::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::",
                "::2:3:4:5:6:7:8", "1:2:3::7:8", "::ffff:8.8.8.8", "::8.8.8.8", "64:ff9b::8.8.8.8", "2001:DB8::A",
                "[2001:4860:4860::8888]" }) {
            byte[] expected = InetAddress.getByName(literal).getAddress();
            byte[] parsed = ClientAddress.parse(literal);
            assertThat(parsed).as(literal).isNotNull();
            assertThat(InetAddress.getByAddress(parsed).getAddress()).as(literal).isEqualTo(expected);
        }
    }

    @Test
    void anythingElseIsNoAddressAndIsNeverLookedUp() {
        for (String text : new String[] { "-", "", "localhost", "pypi.org", "host-8-8-8-8.example.net", "8.8.8",
                "8.8.8.8.8", "256.1.1.1", "08.8.8.8", "8.8.8.8:443", "1.2.3.-4", ":::", "1:::2", "1::2::3", ":1:2",
                "1:2:", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::", "g::1", "fe80::1%eth0", "::ffff:1.2.3",
                "1.2.3.4::", "１.２.３.４", "٣::1" }) {
            assertThat(ClientAddress.parse(text)).as(text).isNull();
            assertThat(ClientAddress.publicAddress(text)).as(text).isNull();
        }
        assertThat(ClientAddress.parse(null)).isNull();
    }

    @Test
    void onlyPublicUnicastAddressesAreLocated() {
        for (String address : new String[] { "8.8.8.8", "1.1.1.1", "81.2.69.160", "100.63.255.255", "100.128.0.1",
                "172.15.255.255", "172.32.0.1", "192.169.0.1", "223.255.255.254", "2001:4860:4860::8888", "2a00::1",
                "::ffff:8.8.8.8", "2002:808:808::1" }) {
            assertThat(ClientAddress.publicAddress(address)).as(address).isNotNull();
        }
        for (String address : new String[] { "0.0.0.0", "0.1.2.3", "10.1.2.3", "100.64.0.1", "100.127.255.255",
                "127.0.0.1", "127.255.255.254", "169.254.1.1", "172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1",
                "192.168.1.1", "198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.7", "224.0.0.1", "240.0.0.1",
                "255.255.255.255", "::", "::1", "::8.8.8.8", "64:ff9b::8.8.8.8", "fe80::1", "febf::1", "fec0::1",
                "fc00::1", "fd12:3456::1", "ff02::1", "2001:db8::1", "100::1", "::ffff:10.0.0.1",
                "::ffff:127.0.0.1" }) {
            assertThat(ClientAddress.publicAddress(address)).as(address).isNull();
        }
    }

}
