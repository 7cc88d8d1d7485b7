package dev.tributary.adapter.kingdee;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The settings of one Kingdee target, bound from {@code tributary.targets.<target>.*}. Master-data
 * numbers (organisation, bill type, currencies, unit, saler, countries) are tenant-specific; the
 * defaults are the K3Cloud system presets or placeholders to override.
 *
 * @param acctId               the data centre (账套) id, {@code X-Kd-Appdata}
 * @param username             the integration user
 * @param appId                the third-party app id ({@code clientId_encodedSecret})
 * @param appSecret            the app secret
 * @param lcid                 the language of answers (2052 = 简体中文)
 * @param orgNumber            create/use/sale/settle organisation number
 * @param customerNumberPrefix put before the global customer id to make FNumber (none by default)
 * @param billType             the sales order bill type number
 * @param currencies           ISO currency code → Kingdee currency number, added to / replacing the defaults
 * @param countries            ISO country code → FCOUNTRY number, added to / replacing the defaults
 * @param unit                 the unit number of every order line (FUnitID, FPriceUnitId, FStockUnitID)
 * @param saler                the FSalerId number of every order
 * @param batchSize            the most records in one BatchSave
 * @param dataAsString         send {@code data} as a JSON string, as the SDKs do
 * @param authMode             {@code signature} (every call signed, the SDKs' v2.0) or {@code session}
 *                             ({@code LoginByAppSecret} once, then its session cookie)
 */
public record KingdeeSettings(
        String acctId,
        String username,
        String appId,
        String appSecret,
        @DefaultValue("2052") int lcid,
        @DefaultValue("100") String orgNumber,
        @DefaultValue("") String customerNumberPrefix,
        @DefaultValue("XSDD01_SYS") String billType,
        Map<String, String> currencies,
        Map<String, String> countries,
        @DefaultValue("Pcs") String unit,
        @DefaultValue("HUB") String saler,
        @DefaultValue("50") int batchSize,
        @DefaultValue("false") boolean dataAsString,
        @DefaultValue("signature") String authMode) {

    static final String SIGNATURE = "signature";
    static final String SESSION = "session";

    /** The K3Cloud preset currency numbers (人民币 PRE001, 欧元 PRE003, 美元 PRE007); a tenant may differ. */
    static final Map<String, String> DEFAULT_CURRENCIES = Map.of("CNY", "PRE001", "EUR", "PRE003", "USD", "PRE007");

    /** As in the vendor's customer template; other ISO codes are sent as they are. */
    static final Map<String, String> DEFAULT_COUNTRIES = Map.of("CN", "China");

    public KingdeeSettings {
        currencies = merged(DEFAULT_CURRENCIES, currencies);
        countries = merged(DEFAULT_COUNTRIES, countries);
        if (!SIGNATURE.equals(authMode) && !SESSION.equals(authMode)) {
            throw new IllegalArgumentException("auth-mode must be 'signature' or 'session', not '" + authMode + "'");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch-size must be at least 1");
        }
    }

    /** The settings of the golden cases and tests: defaults, test credentials. */
    static KingdeeSettings defaults() {
        return new KingdeeSettings("hub-acct", "hub-integration", "hubclient_MDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw",
                "test-secret", 2052, "100", "", "XSDD01_SYS", null, null, "Pcs", "HUB", 50, false, SIGNATURE);
    }

    /** The Kingdee currency number of an ISO code, or null when none is configured. */
    String currency(String iso) {
        return iso == null ? null : currencies.get(iso.toUpperCase(Locale.ROOT));
    }

    String country(String iso) {
        return iso == null ? null : countries.getOrDefault(iso.toUpperCase(Locale.ROOT), iso);
    }

    String customerNumber(String globalCustomerId) {
        return customerNumberPrefix + globalCustomerId;
    }

    private static Map<String, String> merged(Map<String, String> defaults, Map<String, String> configured) {
        // map keys may arrive lower-cased from relaxed binding: ISO codes are compared upper-case
        Map<String, String> all = new TreeMap<>(defaults);
        if (configured != null) {
            configured.forEach((k, v) -> all.put(k.toUpperCase(Locale.ROOT), v));
        }
        return Map.copyOf(all);
    }

    @Override
    public String toString() {
        return "KingdeeSettings[acctId=" + acctId + ", username=" + username + ", appId=" + appId + ", appSecret=***]";
    }
}
