package dev.tributary.security;

import dev.tributary.config.HubProperties;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.time.Duration;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.access.hierarchicalroles.RoleHierarchy;
import org.springframework.security.access.hierarchicalroles.RoleHierarchyImpl;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Who may call what: regional clients on {@code /ingest/**} (their own region only), people with
 * HTTP Basic on {@code /api/**} and the actuator, with nested roles ADMIN > OPERATOR > VIEWER. Both
 * chains are stateless (no session, no login page, no CSRF token: no browser session to ride on).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final PathPatternRequestMatcher.Builder PATHS = PathPatternRequestMatcher.withDefaults();
    /** How long a user name and password that passed the check are taken as checked. */
    private static final Duration LOGIN_REMEMBERED = Duration.ofMinutes(5);

    @Bean
    @Order(1)
    SecurityFilterChain ingestSecurity(HttpSecurity http, RegionCredentials credentials, SecurityProperties properties,
            IngestRateLimits limits, Refusals refusals, HubProperties hub) throws Exception {
        IngestAuthenticationFilter filter = new IngestAuthenticationFilter(credentials, properties, limits, refusals,
                hub.ingest().maxBodyBytes(), Clock.systemUTC());
        AuthenticationEntryPoint entryPoint = (request, response, e) -> refusals.ingest(request, response,
                Refusals.UNKNOWN_REGION, Refusal.NO_CREDENTIAL, "send the region's key or a signed request", 0);
        AccessDeniedHandler denied = (request, response, e) -> refusals.ingest(request, response,
                Refusals.UNKNOWN_REGION, Refusal.WRONG_REGION, "this credential is not valid for this region", 0);
        return stateless(http)
                .securityMatcher(PATHS.matcher("/ingest/**"))
                .addFilterBefore(filter, AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(rules -> rules
                        .requestMatchers(PATHS.matcher("/ingest/{region}/**")).access(ownRegion())
                        .anyRequest().denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, Refusals refusals, UserDetailsService users,
            PasswordEncoder encoder, SecurityProperties properties) throws Exception {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        AuthenticationProvider logins = new RecentLogins(passwords, LOGIN_REMEMBERED, Clock.systemUTC(),
                new FailedLogins(properties.failedLoginsPerMinute()));
        AuthenticationEntryPoint entryPoint = (request, response, e) -> {
            if (e instanceof FailedLogins.TooMany) {
                response.setHeader(HttpHeaders.RETRY_AFTER, "60");
                refusals.api(request, response, Refusal.RATE_LIMITED,
                        "too many wrong passwords from this address; try again in a minute");
                return;
            }
            boolean presented = e instanceof BadCredentialsException;
            refusals.api(request, response, presented ? Refusal.BAD_CREDENTIAL : Refusal.NO_CREDENTIAL, presented
                    ? "user name or password is wrong" : "log in with HTTP Basic (user viewer, operator or admin)");
        };
        AccessDeniedHandler denied = (request, response, e) -> refusals.api(request, response, Refusal.WRONG_ROLE,
                "this user's role may not use " + Refusals.printable(request.getRequestURI()));
        return stateless(http)
                .authenticationManager(new ProviderManager(logins))
                .httpBasic(basic -> basic.realmName("tributary").authenticationEntryPoint(entryPoint))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(rules -> rules
                        // an error page rendered for an already authorized request is not checked twice
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(PATHS.matcher("/api/schema/**")).permitAll()
                        // merging and unmerging customers is the steward's work, reading them anyone's at HQ
                        .requestMatchers(PATHS.matcher(HttpMethod.POST, "/api/customers/**")).hasRole(HubUsers.OPERATOR)
                        .requestMatchers(PATHS.matcher("/api/stats"), PATHS.matcher("/api/customers/**"))
                                .hasRole(HubUsers.VIEWER)
                        .requestMatchers(PATHS.matcher("/api/rejected/**"), PATHS.matcher("/api/deadletters/**"),
                                PATHS.matcher("/api/steward/**"), PATHS.matcher("/api/files/**"),
                                PATHS.matcher("/api/targets/**"), PATHS.matcher("/api/targets"))
                                .hasRole(HubUsers.OPERATOR)
                        .requestMatchers(PATHS.matcher("/api/**")).hasRole(HubUsers.ADMIN)
                        // status only; details and components are shown to ADMIN (management.endpoint.health)
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint()).hasRole(HubUsers.ADMIN)
                        .anyRequest().hasRole(HubUsers.ADMIN))
                .build();
    }

    @Bean
    RoleHierarchy roleHierarchy() {
        return RoleHierarchyImpl.withDefaultRolePrefix()
                .role(HubUsers.ADMIN).implies(HubUsers.OPERATOR)
                .role(HubUsers.OPERATOR).implies(HubUsers.VIEWER)
                .build();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService hubUsers(Environment environment, PasswordEncoder encoder) {
        return HubUsers.from(environment, encoder);
    }

    private static HttpSecurity stateless(HttpSecurity http) throws Exception {
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.requestCache(new NullRequestCache()))
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable);
    }

    /** Allows {@code /ingest/{region}/**} only to a caller authenticated for that region. */
    private static AuthorizationManager<RequestAuthorizationContext> ownRegion() {
        return (authentication, context) -> {
            String wanted = IngestAuthenticationFilter.AUTHORITY_PREFIX + context.getVariables().get("region");
            boolean granted = authentication.get() != null && authentication.get().getAuthorities().stream()
                    .map(GrantedAuthority::getAuthority).anyMatch(wanted::equals);
            return new AuthorizationDecision(granted);
        };
    }
}
