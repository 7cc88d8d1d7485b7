package dev.tributary.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

/**
 * Remembers, for a few minutes, user name and password pairs that just passed the password check,
 * so a script polling the API with HTTP Basic does not pay a bcrypt check (tens of milliseconds of
 * CPU) on every request. Only successes are remembered, as an HMAC under a key made at startup, never
 * the password; a wrong password always goes through the full check, and an address with too many
 * wrong passwords in a minute is refused without one ({@link FailedLogins}).
 */
final class RecentLogins implements AuthenticationProvider {

    private static final int CAPACITY = 64;
    private static final String ALGORITHM = "HmacSHA256";

    private record Login(Object principal, Authentication result, Instant until) {
    }

    private final AuthenticationProvider passwordCheck;
    private final FailedLogins failedLogins;
    private final Duration remembered;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<ByteBuffer, Login> logins = new LinkedHashMap<>();

    RecentLogins(AuthenticationProvider passwordCheck, Duration remembered, Clock clock, FailedLogins failedLogins) {
        this.passwordCheck = passwordCheck;
        this.failedLogins = failedLogins;
        this.remembered = remembered;
        this.clock = clock;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.key = new SecretKeySpec(random, ALGORITHM);
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        Object credentials = authentication.getCredentials();
        if (credentials == null) {
            return passwordCheck.authenticate(authentication);
        }
        ByteBuffer id = ByteBuffer.wrap(mac(authentication.getName() + '\0' + credentials));
        Instant now = clock.instant();
        Login login = recall(id, now);
        if (login != null) {
            return UsernamePasswordAuthenticationToken.authenticated(login.principal(), null,
                    login.result().getAuthorities());
        }
        String address = authentication.getDetails() instanceof WebAuthenticationDetails details
                ? details.getRemoteAddress() : "unknown";
        if (failedLogins.blocked(address)) {
            throw new FailedLogins.TooMany();
        }
        Authentication result;
        try {
            result = passwordCheck.authenticate(authentication);
        } catch (BadCredentialsException wrong) {
            failedLogins.failed(address);
            throw wrong;
        }
        if (result != null && result.isAuthenticated()) {
            remember(id, new Login(result.getPrincipal(), result, now.plus(remembered)));
        }
        return result;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private synchronized Login recall(ByteBuffer id, Instant now) {
        Login login = logins.get(id);
        if (login != null && now.isAfter(login.until())) {
            logins.remove(id);
            return null;
        }
        return login;
    }

    private synchronized void remember(ByteBuffer id, Login login) {
        logins.put(id, login);
        if (logins.size() > CAPACITY) {
            logins.remove(logins.keySet().iterator().next());
        }
    }

    private byte[] mac(String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }
}
