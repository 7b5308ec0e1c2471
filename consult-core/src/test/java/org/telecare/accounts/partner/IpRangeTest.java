package org.telecare.accounts.partner;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IpRangeTest {

    @Test
    void exactIpv4MatchesOnlyItself() {
        IpRange r = IpRange.parse("10.0.0.1");
        assertThat(r.contains("10.0.0.1")).isTrue();
        assertThat(r.contains("10.0.0.2")).isFalse();
        assertThat(r.contains("127.0.0.1")).isFalse();
        assertThat(r).hasToString("10.0.0.1");
    }

    @Test
    void ipv4Cidr() {
        IpRange r = IpRange.parse("10.20.0.0/16");
        assertThat(r.contains("10.20.0.0")).isTrue();
        assertThat(r.contains("10.20.255.255")).isTrue();
        assertThat(r.contains("10.21.0.0")).isFalse();
        assertThat(r.contains("10.19.255.255")).isFalse();

        IpRange odd = IpRange.parse("192.168.1.64/27");
        assertThat(odd.contains("192.168.1.64")).isTrue();
        assertThat(odd.contains("192.168.1.95")).isTrue();
        assertThat(odd.contains("192.168.1.96")).isFalse();
        assertThat(odd.contains("192.168.1.63")).isFalse();

        assertThat(IpRange.parse("172.16.0.0/12").contains("172.31.255.1")).isTrue();
        assertThat(IpRange.parse("172.16.0.0/12").contains("172.32.0.1")).isFalse();
        assertThat(IpRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThat(IpRange.parse("0.0.0.0/0").contains("::1")).as("an IPv4 range never matches IPv6").isFalse();
    }

    @Test
    void hostBitsAreClearedAndTheTextIsCanonical() {
        IpRange r = IpRange.parse(" 10.1.2.3/8 ");
        assertThat(r).hasToString("10.0.0.0/8").isEqualTo(IpRange.parse("10.0.0.0/8"));
        assertThat(r.contains("10.255.0.1")).isTrue();
        assertThat(IpRange.parse("10.0.0.1/32")).hasToString("10.0.0.1");
    }

    @Test
    void ipv6ExactAndCidr() {
        IpRange exact = IpRange.parse("2001:db8::7");
        assertThat(exact.contains("2001:0db8:0:0:0:0:0:7")).isTrue();
        assertThat(exact.contains("2001:db8::8")).isFalse();

        IpRange r32 = IpRange.parse("2001:db8::/32");
        assertThat(r32.contains("2001:db8:ffff::1")).isTrue();
        assertThat(r32.contains("2001:db9::1")).isFalse();

        IpRange r60 = IpRange.parse("2001:db8:0:10::/60");
        assertThat(r60.contains("2001:db8:0:1f:ffff::1")).isTrue();
        assertThat(r60.contains("2001:db8:0:20::1")).isFalse();

        IpRange r127 = IpRange.parse("fd00::2/127");
        assertThat(r127.contains("fd00::3")).isTrue();
        assertThat(r127.contains("fd00::4")).isFalse();

        assertThat(IpRange.parse("::1").contains("::1")).isTrue();
        assertThat(IpRange.parse("::1").contains("127.0.0.1")).isFalse();
        assertThat(IpRange.parse("::/0").contains("10.0.0.1")).isFalse();
        assertThat(IpRange.parse("fe80::1").contains("fe80::1%1")).as("a zone id is ignored").isTrue();
        assertThat(IpRange.parse("2001:DB8::/32")).hasToString("2001:db8:0:0:0:0:0:0/32");
    }

    @Test
    void ipv4MappedIpv6AddressesAreTheirIpv4Address() throws Exception {
        assertThat(IpRange.parse("10.0.0.0/8").contains("::ffff:10.1.2.3")).isTrue();
        assertThat(IpRange.parse("10.0.0.0/8").contains(InetAddress.ofLiteral("10.9.9.9"))).isTrue();
    }

    @Test
    void onlyLiteralsAreAccepted() {
        for (String bad : new String[]{"", " ", "example.com", "localhost", "10.1", "10.0.0.256", "10.0.0.0/33",
                "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/a", "2001:db8::/129", "2001:db8:::1", "1.2.3.4/8/9", "0x7f.0.0.1"}) {
            assertThatThrownBy(() -> IpRange.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> IpRange.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(IpRange.parse("10.0.0.0/8").contains("localhost")).isFalse();
        assertThat(IpRange.parse("10.0.0.0/8").contains("not-an-ip")).isFalse();
    }
}
