package dev.tributary.adapter.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.targets.TargetEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the settings' defaults and their kebab-case keys under {@code tributary.targets.<target>}. */
class SalesforceSettingsTest {

    @Test
    void should_default_every_setting_but_the_credentials() {
        SalesforceSettings settings = SalesforceFixtures.context("http://sf", Map.of()).settings(SalesforceSettings.class);

        assertThat(settings).isEqualTo(SalesforceSettings.defaults());
        assertThat(settings.apiVersion()).isEqualTo("v62.0");
        assertThat(settings.externalIdField()).isEqualTo("Tributary_Id__c");
        assertThat(settings.pricebookEntryExternalIdField()).isEqualTo("Tributary_Sku__c");
        assertThat(settings.mergedIntoField()).isEqualTo("Tributary_Merged_Into__c");
        assertThat(settings.orderStatus()).isEqualTo("Draft");
        assertThat(settings.batchSize()).isEqualTo(200);
        assertThat(settings.clientId()).isNull();
        assertThat(settings.clientSecret()).isNull();
        assertThat(settings.tokenUrl()).isNull();
    }

    @Test
    void should_bind_kebab_case_keys_and_keep_the_batch_within_salesforce_limit() {
        SalesforceSettings settings = SalesforceFixtures.context("http://sf", Map.of("client-id", "id",
                "client-secret", "secret", "token-url", "https://login.example/services/oauth2/token",
                "pricebook-entry-external-id-field", "SKU__c", "pricebook-id", "01sxx0000000001",
                "currency-iso-code", "false", "batch-size", "500")).settings(SalesforceSettings.class);

        assertThat(settings.clientId()).isEqualTo("id");
        assertThat(settings.tokenUrl()).isEqualTo("https://login.example/services/oauth2/token");
        assertThat(settings.pricebookEntryExternalIdField()).isEqualTo("SKU__c");
        assertThat(settings.currencyIsoCode()).isFalse();
        assertThat(settings.maxBatch()).isEqualTo(200);
        assertThat(SalesforceFixtures.adapter("http://sf", Map.of("batch-size", "50")).maxBatch()).isEqualTo(50);
    }

    @Test
    void should_take_records_merges_and_unmerges() {
        SalesforceAdapter adapter = SalesforceFixtures.adapter("http://sf", Map.of());

        assertThat(adapter.takes(TargetEvent.CUSTOMERS)).isTrue();
        assertThat(adapter.takes(TargetEvent.OPPORTUNITIES)).isTrue();
        assertThat(adapter.takes(TargetEvent.ORDERS)).isTrue();
        assertThat(adapter.takes(TargetEvent.MERGES)).isTrue();
        assertThat(adapter.takes(TargetEvent.UNMERGES)).isTrue();
        assertThat(adapter.takes("invoices")).isFalse();
    }
}
