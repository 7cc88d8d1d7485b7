package dev.tributary.security;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The people who use the admin API and the actuator: {@code viewer}, {@code operator} and
 * {@code admin}, each with the role of its name, and each only when its password is set
 * ({@code HUB_VIEWER_PASSWORD}, …). Only the encoded password is kept.
 */
final class HubUsers {

    static final String VIEWER = "VIEWER";
    static final String OPERATOR = "OPERATOR";
    static final String ADMIN = "ADMIN";

    private static final int BCRYPT_MAX_BYTES = 72;
    private static final Logger log = LoggerFactory.getLogger(HubUsers.class);

    private HubUsers() {
    }

    /** The environment variable holding a role's password, e.g. {@code HUB_ADMIN_PASSWORD}. */
    static String passwordSetting(String role) {
        return "HUB_" + role + "_PASSWORD";
    }

    static InMemoryUserDetailsManager from(Environment environment, PasswordEncoder encoder) {
        List<UserDetails> users = new ArrayList<>();
        for (String role : List.of(VIEWER, OPERATOR, ADMIN)) {
            String password = environment.getProperty(passwordSetting(role));
            if (password == null || password.isBlank()) {
                log.info("no {}: user {} does not exist", passwordSetting(role), role.toLowerCase(Locale.ROOT));
                continue;
            }
            if (password.strip().getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
                // bcrypt reads no further; the hub refuses to start rather than hash a shortened password
                throw new IllegalStateException(passwordSetting(role) + " is longer than " + BCRYPT_MAX_BYTES
                        + " bytes (UTF-8), more than bcrypt can use; choose a password of at most " + BCRYPT_MAX_BYTES);
            }
            users.add(User.withUsername(role.toLowerCase(Locale.ROOT)).password(encoder.encode(password.strip()))
                    .roles(role).build());
        }
        return new InMemoryUserDetailsManager(users);
    }
}
