package dev.tributary.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** Proves that only a password that just passed the check skips the next check, and only for a while. */
class RecentLoginsTest {

    private final AtomicInteger checks = new AtomicInteger();
    private final AuthenticationProvider passwordCheck = new AuthenticationProvider() {
        @Override
        public Authentication authenticate(Authentication authentication) {
            checks.incrementAndGet();
            if (!"admin".equals(authentication.getName()) || !"right".equals(authentication.getCredentials())) {
                throw new BadCredentialsException("wrong");
            }
            return UsernamePasswordAuthenticationToken.authenticated(authentication.getName(), null,
                    List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
        }

        @Override
        public boolean supports(Class<?> authentication) {
            return true;
        }
    };
    private Instant now = Instant.parse("2026-11-30T08:00:00Z");
    private final RecentLogins logins = new RecentLogins(passwordCheck, Duration.ofMinutes(5), new Clock() {
        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }, new FailedLogins(FAILURES_PER_MINUTE));

    private static final int FAILURES_PER_MINUTE = 10;

    @Test
    void should_refuse_an_address_without_a_check_once_it_sent_too_many_wrong_passwords() {
        for (int i = 0; i < FAILURES_PER_MINUTE; i++) {
            assertThatThrownBy(() -> logins.authenticate(login("admin", "wrong")))
                    .isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> logins.authenticate(login("admin", "right"))).isInstanceOf(FailedLogins.TooMany.class);
        assertThat(checks).as("no bcrypt check once the address is refused").hasValue(FAILURES_PER_MINUTE);
    }

    @Test
    void should_check_a_password_once_while_it_is_remembered() {
        Authentication first = logins.authenticate(login("admin", "right"));
        Authentication second = logins.authenticate(login("admin", "right"));
        assertThat(checks).hasValue(1);
        assertThat(second.isAuthenticated()).isTrue();
        assertThat(second.getName()).isEqualTo("admin");
        assertThat(second.getAuthorities()).isEqualTo(first.getAuthorities());
        assertThat(second.getCredentials()).isNull();
    }

    @Test
    void should_always_check_a_wrong_password() {
        logins.authenticate(login("admin", "right"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> logins.authenticate(login("admin", "wrong"))).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> logins.authenticate(login("viewer", "right")))
                .as("the right password of another user").isInstanceOf(BadCredentialsException.class)
                .satisfies(e -> assertThat(checks).hasValue(5));
    }

    @Test
    void should_check_again_once_the_login_is_forgotten() {
        logins.authenticate(login("admin", "right"));
        now = now.plus(Duration.ofMinutes(5)).plusSeconds(1);
        logins.authenticate(login("admin", "right"));
        assertThat(checks).hasValue(2);
    }

    private static Authentication login(String user, String password) {
        return UsernamePasswordAuthenticationToken.unauthenticated(user, password);
    }
}
