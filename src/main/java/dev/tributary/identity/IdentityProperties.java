package dev.tributary.identity;

import java.math.BigDecimal;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Identity resolution settings ({@code tributary.identity.*}): the two match thresholds (merge at
 * or above {@code mergeAt}, queue for the steward from {@code reviewAt}), how many candidates one
 * blocking key may bring, how often a busy customer's STRATEGIC rule is evaluated on the order
 * path (its later orders are then checked by a queued command), how much each source system is trusted per golden field (default, then
 * per field), and the rule that makes an account STRATEGIC.
 */
@ConfigurationProperties("tributary.identity")
public record IdentityProperties(
        @DefaultValue("0.9") double mergeAt,
        @DefaultValue("0.75") double reviewAt,
        @DefaultValue("100") int candidatesPerKey,
        @DefaultValue("5s") java.time.Duration tierCheckInterval,
        @DefaultValue Map<String, Integer> trust,
        @DefaultValue Map<String, Map<String, Integer>> fieldTrust,
        @DefaultValue Strategic strategic) {

    public IdentityProperties {
        trust = trust == null ? Map.of() : Map.copyOf(trust);
        fieldTrust = fieldTrust == null ? Map.of() : Map.copyOf(fieldTrust);
        if (!(reviewAt > 0 && reviewAt <= mergeAt && mergeAt <= 1)) {
            throw new IllegalArgumentException("tributary.identity: 0 < review-at <= merge-at <= 1 is required, got review-at "
                    + reviewAt + " and merge-at " + mergeAt);
        }
    }

    /**
     * An account is STRATEGIC when at least {@code minRegions} regions ordered in the last
     * {@code windowDays}, or its orders in {@code revenueCurrency} over that window reach
     * {@code minRevenue}, or it had more than {@code maxMonthlyTouchpoints} touchpoints (orders
     * and opportunity changes) in the last 30 days.
     */
    public record Strategic(
            @DefaultValue("2") int minRegions,
            @DefaultValue("10000000") BigDecimal minRevenue,
            @DefaultValue("CNY") String revenueCurrency,
            @DefaultValue("200") int maxMonthlyTouchpoints,
            @DefaultValue("365") int windowDays) {
    }

    /** How much {@code system} is trusted for {@code field} (50 unless configured). */
    int trust(String system, String field) {
        Map<String, Integer> perField = fieldTrust.get(field);
        if (perField != null && perField.containsKey(system)) {
            return perField.get(system);
        }
        return trust.getOrDefault(system, 50);
    }
}
