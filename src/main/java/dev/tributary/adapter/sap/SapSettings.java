package dev.tributary.adapter.sap;

import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * The parameters of one SAP target, bound from {@code tributary.targets.<target>} (kebab-case
 * there: {@code sap-client}, {@code sales-organization}, …). User and password have no default: a
 * deployment passes them from the environment.
 *
 * @param sapClient     the SAP client (Mandant), sent as {@code sap-client=} on every call when set
 * @param language      the address language of a customer outside China
 * @param languageCn    the address language of a customer in China
 * @param unit          the unit of every order item ({@code RequestedQuantityUnit}); the hub has none
 */
public record SapSettings(
        String user,
        String password,
        String sapClient,
        @DefaultValue("/sap/opu/odata/sap/API_BUSINESS_PARTNER") String businessPartnerService,
        @DefaultValue("/sap/opu/odata/sap/API_SALES_ORDER_SRV") String salesOrderService,
        @DefaultValue("1710") String salesOrganization,
        @DefaultValue("10") String distributionChannel,
        @DefaultValue("00") String division,
        @DefaultValue("OR") String salesOrderType,
        @DefaultValue("BP02") String businessPartnerGrouping,
        @DefaultValue({"FLCU00", "FLCU01"}) List<String> customerRoles,
        @DefaultValue("PC") String unit,
        @DefaultValue("EN") String language,
        @DefaultValue("ZH") String languageCn) {

    public SapSettings {
        user = user == null ? "" : user;
        password = password == null ? "" : password;
        sapClient = sapClient == null ? "" : sapClient.strip();
        customerRoles = customerRoles == null ? List.of() : List.copyOf(customerRoles);
    }

    /** The defaults of the annotations above, as the golden cases use them (no user, no client). */
    static SapSettings defaults() {
        return new Binder(new MapConfigurationPropertySource()).bindOrCreate("sap", Bindable.of(SapSettings.class));
    }

    @Override
    public String toString() {
        // keeps the password out of logs and exception messages
        return "SapSettings[user=" + user + ", sapClient=" + sapClient + ", salesOrganization=" + salesOrganization + "]";
    }
}
