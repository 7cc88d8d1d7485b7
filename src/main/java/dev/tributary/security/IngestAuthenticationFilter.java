package dev.tributary.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;

/**
 * Authenticates a regional client on {@code /ingest/{region}/**} and lets it through only to its own
 * region, within its rate limit. A region with an HMAC secret must sign its requests (the bearer
 * key is then optional); any other region needs its bearer key. The filter refuses on its own, so
 * every refusal carries its precise reason; what passes is authenticated with the authority
 * {@code REGION_<id>}, which the authorization rule checks again.
 */
final class IngestAuthenticationFilter extends OncePerRequestFilter {

    static final String AUTHORITY_PREFIX = "REGION_";
    private static final String INGEST_PREFIX = "/ingest/";
    private static final String BEARER = "Bearer ";
    private static final String HOW_TO_AUTHENTICATE =
            "send the region's key as 'Authorization: Bearer <key>', or sign the request as the README describes";

    private final RegionCredentials credentials;
    private final SignatureVerifier verifier;
    private final ReplayGuard replays;
    private final IngestRateLimits limits;
    private final Refusals refusals;
    private final int maxBodyBytes;
    private final long toleranceSeconds;
    private final Clock clock;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    IngestAuthenticationFilter(RegionCredentials credentials, SecurityProperties properties, IngestRateLimits limits,
            Refusals refusals, int maxBodyBytes, Clock clock) {
        this.credentials = credentials;
        this.verifier = new SignatureVerifier(properties.signatureTolerance(), clock);
        this.replays = new ReplayGuard(properties.replayCacheSize());
        this.limits = limits;
        this.refusals = refusals;
        this.maxBodyBytes = maxBodyBytes;
        this.toleranceSeconds = properties.signatureTolerance().toSeconds();
        this.clock = clock;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String region = regionOf(request);
        boolean known = credentials.isKnown(region);
        String tag = known ? region : Refusals.UNKNOWN_REGION;

        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String keyRegion = null;
        if (authorization != null) {
            if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                    || authorization.substring(BEARER.length()).isBlank()) {
                refusals.ingest(request, response, tag, Refusal.BAD_CREDENTIAL,
                        "the Authorization header must be 'Bearer <key>'", 0);
                return;
            }
            keyRegion = credentials.regionOfKey(authorization.substring(BEARER.length()).strip());
            if (keyRegion == null) {
                refusals.ingest(request, response, tag, Refusal.BAD_CREDENTIAL,
                        "the key is not valid; " + HOW_TO_AUTHENTICATE, 0);
                return;
            }
        }
        if (!known) {
            if (keyRegion == null) {
                refusals.ingest(request, response, tag, Refusal.NO_CREDENTIAL, HOW_TO_AUTHENTICATE, 0);
            } else {
                // only an authenticated caller learns that the region does not exist, and not which ones do
                refusals.write(request, response, HttpStatus.NOT_FOUND, "Unknown region",
                        "there is no enabled region '" + Refusals.printable(String.valueOf(region)) + "'");
            }
            return;
        }
        if (keyRegion != null && !keyRegion.equals(region)) {
            refusals.ingest(request, response, tag, Refusal.WRONG_REGION,
                    "this key belongs to another region; send region " + region + "'s own key", 0);
            return;
        }

        HttpServletRequest authenticated = request;
        byte[] secret = credentials.hmacSecret(region);
        Signed signed = null;
        if (secret != null) {
            signed = checkSignature(request, response, region, secret, keyRegion != null);
            if (signed == null) {
                return;
            }
            authenticated = new CachedBodyRequest(request, signed.body());
        } else if (keyRegion == null) {
            refusals.ingest(request, response, tag, Refusal.NO_CREDENTIAL, HOW_TO_AUTHENTICATE, 0);
            return;
        }

        long wait = limits.secondsToWait(region);
        if (wait > 0) {
            if (signed != null) {
                replays.forget(signed.mac()); // refused unread: the same signed request may be sent again
            }
            refusals.ingest(request, response, tag, Refusal.RATE_LIMITED, "region " + region
                    + " sent more requests per second than it may; send again in " + wait + " s", wait);
            return;
        }
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new PreAuthenticatedAuthenticationToken(region, null,
                List.of(new SimpleGrantedAuthority(AUTHORITY_PREFIX + region))));
        contexts.setContext(context);
        chain.doFilter(authenticated, response);
    }

    /** A request whose signature was verified: its body and signature. */
    private record Signed(byte[] body, byte[] mac) {
    }

    /** The verified request, or null when it was refused (the answer is written). */
    private Signed checkSignature(HttpServletRequest request, HttpServletResponse response, String region,
            byte[] secret, boolean keyPresented) throws IOException {
        String timestamp = request.getHeader(RequestSignature.TIMESTAMP_HEADER);
        String signature = request.getHeader(RequestSignature.SIGNATURE_HEADER);
        if (timestamp == null && signature == null && !keyPresented) {
            // told apart from other regions only to a caller holding the region's key
            refusals.ingest(request, response, region, Refusal.NO_CREDENTIAL, HOW_TO_AUTHENTICATE, 0);
            return null;
        }
        if (timestamp == null && signature == null) {
            refusals.ingest(request, response, region, Refusal.BAD_SIGNATURE, "requests to region " + region
                    + " must be signed: send " + RequestSignature.TIMESTAMP_HEADER + " and "
                    + RequestSignature.SIGNATURE_HEADER, 0);
            return null;
        }
        // a stale request is refused before its body is read
        if (verifier.checkTimestamp(timestamp) == SignatureVerifier.Outcome.STALE) {
            refuseStale(request, response, region);
            return null;
        }
        byte[] body = readBounded(request);
        if (body == null) {
            refusals.write(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Body too large",
                    "the body is more than the limit of " + maxBodyBytes + " bytes; send fewer items per request");
            return null;
        }
        SignatureVerifier.Result result = verifier.verify(secret, timestamp, signature, body);
        switch (result.outcome()) {
            case STALE -> {
                refuseStale(request, response, region);
                return null;
            }
            case MALFORMED -> {
                refusals.ingest(request, response, region, Refusal.BAD_SIGNATURE, RequestSignature.TIMESTAMP_HEADER
                        + " must be epoch seconds and " + RequestSignature.SIGNATURE_HEADER
                        + " 'v1=' followed by 64 hex digits", 0);
                return null;
            }
            case MISMATCH -> {
                refusals.ingest(request, response, region, Refusal.BAD_SIGNATURE,
                        "the signature does not match the timestamp and body", 0);
                return null;
            }
            case VALID -> {
                if (!replays.firstUse(result.mac(), result.replayableUntil(), clock.instant())) {
                    refusals.ingest(request, response, region, Refusal.REPLAY,
                            "this signed request was already received; sign every request, and every retry, anew", 0);
                    return null;
                }
                return new Signed(body, result.mac());
            }
            default -> throw new IllegalStateException("unexpected outcome " + result.outcome());
        }
    }

    private void refuseStale(HttpServletRequest request, HttpServletResponse response, String region)
            throws IOException {
        refusals.ingest(request, response, region, Refusal.STALE_TIMESTAMP, RequestSignature.TIMESTAMP_HEADER
                + " is more than " + toleranceSeconds + " s away from the hub's clock; sign the request again", 0);
    }

    /** The body, or null when it is larger than the ingest limit. */
    private byte[] readBounded(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxBodyBytes) {
            return null;
        }
        try (InputStream in = request.getInputStream()) {
            byte[] body = in.readNBytes(maxBodyBytes + 1);
            return body.length > maxBodyBytes ? null : body;
        }
    }

    /** The region id in {@code /ingest/{region}/...}, or null. */
    static String regionOf(HttpServletRequest request) {
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        if (!path.startsWith(INGEST_PREFIX)) {
            return null;
        }
        int end = path.indexOf('/', INGEST_PREFIX.length());
        String region = end < 0 ? path.substring(INGEST_PREFIX.length()) : path.substring(INGEST_PREFIX.length(), end);
        return region.isEmpty() ? null : region;
    }
}
