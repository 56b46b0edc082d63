package io.pkgpulse.reporting.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientAddressTest {

    @Test
    void anIpv4ClientIsItsAddress() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr("203.0.113.9");
        assertThat(ClientAddress.of(request)).isEqualTo("203.0.113.9");
    }

    @Test
    void anIpv6ClientIsItsSlash64() {
        assertThat(ClientAddress.group("2001:db8:1:2:aaaa:bbbb:cccc:dddd")).isEqualTo("2001:db8:1:2:0:0:0:0/64");
        assertThat(ClientAddress.group("2001:db8:1:2::1")).isEqualTo(ClientAddress.group("2001:db8:1:2:ffff::9"));
        assertThat(ClientAddress.group("2001:db8:1:3::1")).isNotEqualTo(ClientAddress.group("2001:db8:1:2::1"));
    }

    @Test
    void anIpv4MappedAddressIsTheIpv4AddressAndOddInputStaysAsItIs() {
        assertThat(ClientAddress.group("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddress.group(null)).isEqualTo("unknown");
        assertThat(ClientAddress.group("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

}
