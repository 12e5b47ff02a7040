package io.hookguard.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BindPolicyTest {

    private static final List<String> ALL_VERIFIED = List.of();

    @Test
    void defaultIsAllInterfacesWhenEverySourceIsVerifiedAndAnAdminTokenIsSet() {
        assertThat(BindPolicy.decide(Optional.empty(), ALL_VERIFIED, true))
                .isEqualTo(new BindPolicy.Bind("0.0.0.0"));
    }

    @Test
    void defaultIsLoopbackWhenNoAdminTokenIsSet() {
        assertThat(BindPolicy.decide(Optional.empty(), ALL_VERIFIED, false))
                .isEqualTo(new BindPolicy.Bind("127.0.0.1"));
    }

    @Test
    void defaultIsLoopbackWhenASourceIsUnverified() {
        assertThat(BindPolicy.decide(Optional.empty(), List.of("github"), true))
                .isEqualTo(new BindPolicy.Bind("127.0.0.1"));
    }

    @Test
    void defaultIsLoopbackWhenNothingIsProtected() {
        assertThat(BindPolicy.decide(Optional.empty(), List.of("workflow-complete", "github"), false))
                .isEqualTo(new BindPolicy.Bind("127.0.0.1"));
    }

    @Test
    void explicitHostIsKeptWhenEverythingIsProtected() {
        assertThat(BindPolicy.decide(Optional.of("10.0.0.7"), ALL_VERIFIED, true))
                .isEqualTo(new BindPolicy.Bind("10.0.0.7"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"})
    void explicitLoopbackHostIsAllowedEvenWithNothingProtected(String host) {
        assertThat(BindPolicy.decide(Optional.of(host), List.of("workflow-complete", "github"), false))
                .isEqualTo(new BindPolicy.Bind(host));
    }

    @Test
    void explicitNonLoopbackHostWithoutAdminTokenIsRefusedNamingTheToken() {
        assertThat(BindPolicy.decide(Optional.of("0.0.0.0"), ALL_VERIFIED, false)).isEqualTo(new BindPolicy.Refuse(
                "HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but no HOOKGUARD_ADMIN_TOKEN is set: "
                        + "verify every source and set HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1"));
    }

    @Test
    void explicitNonLoopbackHostWithUnverifiedSourcesIsRefusedNamingThem() {
        assertThat(BindPolicy.decide(Optional.of("192.168.1.5"), List.of("workflow-complete", "stripe"), true))
                .isEqualTo(new BindPolicy.Refuse("HOOKGUARD_HOST=192.168.1.5 is not a loopback address, but "
                        + "signatures are not verified for workflow-complete, stripe: verify every source and set "
                        + "HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1"));
    }

    @Test
    void explicitNonLoopbackHostWithNothingProtectedIsRefusedNamingBoth() {
        assertThat(BindPolicy.decide(Optional.of("0.0.0.0"), List.of("github"), false))
                .isEqualTo(new BindPolicy.Refuse("HOOKGUARD_HOST=0.0.0.0 is not a loopback address, but signatures "
                        + "are not verified for github and no HOOKGUARD_ADMIN_TOKEN is set: verify every source and "
                        + "set HOOKGUARD_ADMIN_TOKEN, or bind 127.0.0.1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "::", "128.0.0.1", "localhost.example.com", "127.0.0.1.example.com"})
    void addressesBeyondThisMachineAreNotLoopback(String host) {
        assertThat(BindPolicy.isLoopback(host)).isFalse();
    }
}
