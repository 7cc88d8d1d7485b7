package dev.tributary.targets;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * The HTTP client of one target (Apache HttpClient 5, pooled, the target's own timeouts), shared by
 * every adapter so that they behave alike: no hidden retries (every retry is dispatch's decision,
 * counted and logged), no redirects, no cookie store (an adapter that needs a cookie, as SAP's
 * CSRF token does, sends it itself), and the answer read whole.
 */
public final class TargetHttp implements AutoCloseable {

    /** The longest answer body kept (a vendor's error page can be large). */
    private static final int MAX_BODY = 4 * 1024 * 1024;

    /** An answer: status, headers (names lower-cased, every value kept) and body. */
    public record Response(int status, Map<String, List<String>> headers, byte[] body) {

        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public boolean isSuccess() {
            return status >= 200 && status < 300;
        }

        /** {@code Retry-After} in seconds or as an HTTP date, or null. */
        public Duration retryAfter(Instant now) {
            return TargetHttp.retryAfter(header("Retry-After"), now);
        }
    }

    private final CloseableHttpClient client;

    public TargetHttp(Duration connectTimeout, Duration responseTimeout, int maxConnections) {
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(maxConnections).setMaxConnPerRoute(maxConnections)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(connectTimeout))
                        .setSocketTimeout(Timeout.of(responseTimeout)).build())
                .build();
        this.client = HttpClients.custom().setConnectionManager(connections)
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.of(connectTimeout))
                        .setResponseTimeout(Timeout.of(responseTimeout))
                        .setRedirectsEnabled(false).build())
                .disableAutomaticRetries().disableRedirectHandling().disableCookieManagement()
                .disableAuthCaching().disableConnectionState().disableContentCompression()
                .build();
    }

    /** Sends a request; {@code body} (JSON unless a Content-Type header says otherwise) may be null. */
    public Response send(String method, String url, Map<String, String> headers, byte[] body) throws IOException {
        HttpUriRequestBase request = new HttpUriRequestBase(method, URI.create(url));
        headers.forEach(request::setHeader);
        if (body != null) {
            String type = headers.entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("Content-Type"))
                    .map(Map.Entry::getValue).findFirst().orElse("application/json");
            request.setEntity(new ByteArrayEntity(body, ContentType.parse(type)));
        }
        return client.execute(request, answer -> {
            Map<String, List<String>> names = new TreeMap<>();
            for (Header header : answer.getHeaders()) {
                names.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), n -> new ArrayList<>()).add(header.getValue());
            }
            byte[] bytes = answer.getEntity() == null ? new byte[0] : EntityUtils.toByteArray(answer.getEntity(), MAX_BODY);
            return new Response(answer.getCode(), names, bytes);
        });
    }

    /** A call that got no answer: transient, with what happened in words. */
    public static DeliveryOutcome noAnswer(IOException error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String what = root instanceof ConnectException || error instanceof ConnectException ? "target unreachable"
                : root instanceof SocketTimeoutException ? "target did not answer in time"
                : "connection to the target failed";
        String detail = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return DeliveryOutcome.retryLater(null, null, what + ": " + detail, null);
    }

    /**
     * The usual reading of an HTTP status, for answers the vendor gives no more detail in:
     * 408, 425, 429 and 5xx are transient (with Retry-After), any other 4xx (and 3xx) permanent.
     */
    public static DeliveryOutcome byStatus(Response answer, String code, String reason, Instant now) {
        int status = answer.status();
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return DeliveryOutcome.retryLater(status, code, reason, answer.retryAfter(now));
        }
        return DeliveryOutcome.permanent(status, code, reason);
    }

    /** {@code Retry-After} as seconds or an HTTP date, or null when absent or unreadable. */
    public static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.strip())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /**
     * {@code id} as one URL path segment: every character but letters, digits, '-', '.', '_' and
     * '~' percent-encoded, ';' and ',' included, which servers may otherwise read as path parameters.
     */
    public static String pathSegment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A");
    }

    /** {@code text} cut to {@code max} characters, for a reason that quotes an answer. */
    public static String excerpt(String text, int max) {
        String stripped = text == null ? "" : text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max) + "…";
    }

    @Override
    public void close() throws IOException {
        client.close();
    }
}
