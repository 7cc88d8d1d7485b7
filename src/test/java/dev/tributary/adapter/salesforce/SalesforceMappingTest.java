package dev.tributary.adapter.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tributary.adapter.salesforce.SalesforceMapping.SObjectRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves what the golden cases cannot show: settings that change the records, and how records are cut into calls. */
class SalesforceMappingTest {

    @Test
    void should_send_the_pricebook_and_leave_out_currency_and_tier_when_configured() {
        SalesforceSettings settings = SalesforceFixtures.context("http://sf", Map.of("pricebook-id", "01sxx0000000001",
                "currency-iso-code", "false", "tier-field", " ", "order-status", "Open")).settings(SalesforceSettings.class);
        SalesforceMapping mapping = new SalesforceMapping(settings, SalesforceFixtures.JSON, Clock.systemUTC());

        List<JsonNode> requests = mapping.requests(SalesforceFixtures.events("order-eur-discount", "customer-english-tax-id"));

        JsonNode account = requests.get(0).path("body").path("records").get(0);
        JsonNode order = requests.get(1).path("body").path("records").get(0);
        assertThat(account.has("Tributary_Tier__c")).isFalse();
        assertThat(order.path("Pricebook2Id").asText()).isEqualTo("01sxx0000000001");
        assertThat(order.path("Status").asText()).isEqualTo("Open");
        assertThat(order.has("CurrencyIsoCode")).isFalse();
    }

    @Test
    void should_cut_calls_at_200_records_and_never_name_a_key_twice_in_one_call() {
        List<SObjectRecord> records = new ArrayList<>();
        for (int i = 0; i < 201; i++) {
            records.add(new SObjectRecord(i, "Account", "GC-" + i, SalesforceFixtures.JSON.createObjectNode(), false));
        }
        records.add(new SObjectRecord(201, "Account", "GC-0", SalesforceFixtures.JSON.createObjectNode(), false));

        List<List<SObjectRecord>> calls = SalesforceMapping.calls(records);

        assertThat(calls).extracting(List::size).containsExactly(200, 2);
        assertThat(calls.get(1)).extracting(SObjectRecord::key).containsExactly("GC-200", "GC-0");
    }
}
