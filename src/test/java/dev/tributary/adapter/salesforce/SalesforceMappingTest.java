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
        // requests.get(1) is the lookup of existing Orders
        assertThat(requests.get(1).path("method").asText()).isEqualTo("GET");
        JsonNode order = requests.get(2).path("body").path("records").get(0);
        assertThat(account.has("Tributary_Tier__c")).isFalse();
        assertThat(order.path("Pricebook2Id").asText()).isEqualTo("01sxx0000000001");
        assertThat(order.path("Status").asText()).isEqualTo("Open");
        assertThat(order.has("CurrencyIsoCode")).isFalse();
    }

    @Test
    void should_leave_out_the_create_only_fields_of_an_order_and_its_items_that_exist() {
        SalesforceSettings settings = SalesforceFixtures.context("http://sf", Map.of("pricebook-id", "01sxx0000000001"))
                .settings(SalesforceSettings.class);
        SalesforceMapping mapping = new SalesforceMapping(settings, SalesforceFixtures.JSON, Clock.systemUTC());

        List<SObjectRecord> records = mapping.records(0, SalesforceFixtures.event("order-two-lines-cny"));

        JsonNode order = records.get(0).fields(true);
        assertThat(order.has("Account")).isFalse();
        assertThat(order.has("Status")).isFalse();
        assertThat(order.has("Pricebook2Id")).isFalse();
        assertThat(order.path("EffectiveDate").asText()).isEqualTo("2026-11-28");
        JsonNode item = records.get(1).fields(true);
        assertThat(item.has("Order")).isFalse();
        assertThat(item.has("PricebookEntry")).isFalse();
        assertThat(item.path("Quantity").asInt()).isEqualTo(2);
        // the create shape is untouched
        assertThat(records.get(0).fields(false).has("Status")).isTrue();
        assertThat(records.get(1).fields(false).has("PricebookEntry")).isTrue();
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
