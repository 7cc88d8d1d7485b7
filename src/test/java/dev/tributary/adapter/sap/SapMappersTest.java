package dev.tributary.adapter.sap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.canonical.Customer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Proves the plain mapping rules: name parts, tax categories, the stable purchase-order key, settings binding. */
class SapMappersTest {

    private final BusinessPartnerMapper partners = new BusinessPartnerMapper(SapSettings.defaults(), SapTestSupport.JSON);

    @Test
    void should_cut_a_long_latin_name_at_spaces_into_at_most_four_40_character_parts() {
        List<String> parts = BusinessPartnerMapper.nameParts("Alpha Beta Gamma Delta Epsilon Zeta Eta Theta Iota Kappa Lambda "
                + "Mu Nu Xi Omicron Pi Rho Sigma Tau Upsilon Phi Chi Psi Omega ".repeat(3));

        assertThat(parts).hasSize(4).allSatisfy(part -> assertThat(part.length()).isBetween(1, 40));
        assertThat(parts.get(0)).isEqualTo("Alpha Beta Gamma Delta Epsilon Zeta Eta");
    }

    @Test
    void should_cut_a_long_chinese_name_at_40_characters() {
        String name = "华".repeat(45);

        assertThat(BusinessPartnerMapper.nameParts(name)).containsExactly("华".repeat(40), "华".repeat(5));
        assertThat(BusinessPartnerMapper.nameParts("短名")).containsExactly("短名");
        assertThat(BusinessPartnerMapper.nameParts(null)).isEmpty();
    }

    @Test
    void should_send_a_uscc_as_cn5_and_an_eu_vat_id_as_its_country_0_category() {
        assertThat(partners.taxNumbers(customer("91310000MA22336440", null)).toString())
                .isEqualTo("[{\"BPTaxType\":\"CN5\",\"BPTaxNumber\":\"91310000MA22336440\"}]");
        assertThat(partners.taxNumbers(customer(null, "fr 40303265045")).toString())
                .isEqualTo("[{\"BPTaxType\":\"FR0\",\"BPTaxNumber\":\"FR40303265045\"}]");
        assertThat(partners.taxNumbers(customer(null, "EL094259216")).toString())
                .isEqualTo("[{\"BPTaxType\":\"GR0\",\"BPTaxNumber\":\"EL094259216\"}]");
        assertThat(partners.taxNumbers(customer(null, "12-3456789"))).isEmpty();
    }

    @Test
    void should_keep_a_short_order_id_and_hash_a_long_one_to_35_stable_characters() {
        assertThat(SalesOrderMapper.purchaseOrder("cn-east.fxiaoke.O-1001")).isEqualTo("cn-east.fxiaoke.O-1001");
        String id = "cn-east.distributor-files.D01-2026-11-20-SHENZHEN-XINFEI-7789";
        assertThat(SalesOrderMapper.purchaseOrder(id)).hasSize(35).startsWith("H-")
                .isEqualTo(SalesOrderMapper.purchaseOrder(id)).isNotEqualTo(SalesOrderMapper.purchaseOrder(id + "0"));
    }

    @Test
    void should_bind_settings_from_kebab_case_keys_with_defaults() {
        Binder binder = new Binder(new MapConfigurationPropertySource(Map.of(
                "tributary.targets.erp.user", "HUB_RFC", "tributary.targets.erp.password", "pw-from-env",
                "tributary.targets.erp.sap-client", "200", "tributary.targets.erp.customer-roles", "FLCU01",
                "tributary.targets.erp.language-cn", "1")));
        SapSettings settings = new dev.tributary.targets.TargetContext("erp", "http://sap", null, SapTestSupport.JSON, null,
                binder).settings(SapSettings.class);

        assertThat(settings.sapClient()).isEqualTo("200");
        assertThat(settings.customerRoles()).containsExactly("FLCU01");
        assertThat(settings.languageCn()).isEqualTo("1");
        assertThat(settings.salesOrganization()).isEqualTo("1710");
        assertThat(settings.businessPartnerGrouping()).isEqualTo("BP02");
        assertThat(settings.unit()).isEqualTo("PC");
        assertThat(settings.toString()).doesNotContain("pw-from-env");
        assertThat(new SapPaths(settings).businessPartner("17100001"))
                .isEqualTo("/sap/opu/odata/sap/API_BUSINESS_PARTNER/A_BusinessPartner('17100001')?sap-client=200");
    }

    @Test
    void should_double_quotes_in_an_odata_literal() {
        assertThat(new SapPaths(SapSettings.defaults()).salesOrderByPurchaseOrder("eu.x.O'1"))
                .isEqualTo("/sap/opu/odata/sap/API_SALES_ORDER_SRV/A_SalesOrder?$filter=PurchaseOrderByCustomer%20eq%20%27eu.x.O%27%27"
                        + "1%27&$select=SalesOrder");
    }

    private static Customer customer(String uscc, String taxId) {
        return new Customer("GC-1", "ACME", null, uscc, taxId, "CN", null, null, null, null, null, null, null, null, null,
                null, null);
    }
}
