package dev.tributary.adapter.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.adapter;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.goldenRequests;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.tributary.targets.DeliveryOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Proves the exact requests the Salesforce adapter sends: the token call, the lookup of existing
 * Orders and OrderItems, and each Collections upsert.
 */
class SalesforceContractTest {

    private static final String UPSERT = "/services/data/v62.0/composite/sobjects/%s/Tributary_Id__c";
    private static final String QUERY = "/services/data/v62.0/query";
    private static final String NONE_FOUND = """
            {"totalSize": 0, "done": true, "records": []}""";
    private static final String TOKEN = "00Dxx0000001gPL!AR8AQJXg5oj8jXSgxJfA0lBog.39AsX.LVpxezPwuX5VAIrrbbHMuol7GQxnMeYMN7cj8EoWr78nh5CsfrWFpA";

    private final WireMockServer salesforce = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        salesforce.start();
        // the login host is not the instance: API calls must go to the token's instance_url
        salesforce.stubFor(post(urlEqualTo("/login/services/oauth2/token")).willReturn(okJson("""
                {"access_token": "%s", "instance_url": "%s", "id": "https://login.salesforce.com/id/00Dxx/005xx",
                 "token_type": "Bearer", "issued_at": "1764489600000", "signature": "c2lnbmF0dXJl"}"""
                .formatted(TOKEN, salesforce.baseUrl()))));
        salesforce.stubFor(patch(urlPathMatching("/services/data/v62.0/composite/sobjects/.*"))
                .willReturn(okJson(results(1))));
        salesforce.stubFor(patch(urlEqualTo(UPSERT.formatted("OrderItem"))).willReturn(okJson(results(2))));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson(NONE_FOUND)));
    }

    @AfterEach
    void stop() {
        salesforce.stop();
    }

    @Test
    void should_fetch_a_client_credentials_token_and_upsert_the_account_with_it() {
        List<DeliveryOutcome> outcomes = deliver("customer-english-tax-id");

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        salesforce.verify(1, postRequestedFor(urlEqualTo("/login/services/oauth2/token"))
                .withHeader("Content-Type", equalTo("application/x-www-form-urlencoded"))
                .withRequestBody(equalTo("grant_type=client_credentials&client_id=hub-client&client_secret=s3cr%2Bt-value")));
        salesforce.verify(1, patchRequestedFor(urlEqualTo(UPSERT.formatted("Account")))
                .withHeader("Authorization", equalTo("Bearer " + TOKEN))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("Accept", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"allOrNone": false, "records": [{
                          "attributes": {"type": "Account"},
                          "Tributary_Id__c": "GC-0A1B2C3D4E5F6071",
                          "Name": "Rhein Optics GmbH",
                          "AccountNumber": "DE811907980",
                          "Phone": "+4922155501234 x12",
                          "Industry": "Optics",
                          "BillingStreet": "Domstraße 12, 50668 Köln",
                          "BillingCity": "Köln",
                          "BillingCountry": "DE",
                          "Tributary_Tier__c": "KEY"}]}""")));
    }

    @Test
    void should_send_an_opportunity_with_its_account_by_external_id_reference() {
        assertThat(deliver("opportunity-proposal")).containsExactly(DeliveryOutcome.delivered());

        assertSentAsGolden("opportunity-proposal");
    }

    @Test
    void should_send_an_order_and_then_its_items() {
        assertThat(deliver("order-two-lines-cny")).containsExactly(DeliveryOutcome.delivered());

        assertSentAsGolden("order-two-lines-cny");
    }

    @Test
    void should_send_an_order_that_exists_and_its_existing_items_without_their_create_only_fields() {
        // the Order and its line 1 exist (a redelivery, or an order changed in the region); line 2 is new
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", equalTo(
                "SELECT Tributary_Id__c FROM Order WHERE Tributary_Id__c IN ('cn-east.fxiaoke.O-1001')"))
                .willReturn(okJson("""
                        {"totalSize": 1, "done": true, "records": [{"attributes": {"type": "Order",
                          "url": "/services/data/v62.0/sobjects/Order/801xx000003DGb2AAG"},
                          "Tributary_Id__c": "cn-east.fxiaoke.O-1001"}]}""")));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).withQueryParam("q", equalTo(
                "SELECT Tributary_Id__c FROM OrderItem WHERE Order.Tributary_Id__c IN ('cn-east.fxiaoke.O-1001')"))
                .willReturn(okJson("""
                        {"totalSize": 1, "done": false, "nextRecordsUrl": "/services/data/v62.0/query/01gxx0000002-2000",
                         "records": [{"attributes": {"type": "OrderItem"}, "Tributary_Id__c": "cn-east.fxiaoke.O-1001#1"}]}""")));
        salesforce.stubFor(get(urlEqualTo(QUERY + "/01gxx0000002-2000")).willReturn(okJson("""
                {"totalSize": 1, "done": true, "records": [{"attributes": {"type": "OrderItem"},
                  "Tributary_Id__c": "cn-east.fxiaoke.O-9999#1"}]}""")));

        assertThat(deliver("order-two-lines-cny")).containsExactly(DeliveryOutcome.delivered());

        salesforce.verify(2, getRequestedFor(urlPathEqualTo(QUERY)).withHeader("Authorization", equalTo("Bearer " + TOKEN)));
        salesforce.verify(1, getRequestedFor(urlEqualTo(QUERY + "/01gxx0000002-2000")));
        // no Account reference, no Status (HQ may have activated it)
        salesforce.verify(1, patchRequestedFor(urlEqualTo(UPSERT.formatted("Order"))).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [{"attributes": {"type": "Order"},
                  "Tributary_Id__c": "cn-east.fxiaoke.O-1001", "EffectiveDate": "2026-11-28",
                  "PoNumber": "SO-2026-0001", "CurrencyIsoCode": "CNY"}]}""")));
        // line 1 exists: no Order nor PricebookEntry (create-only); line 2 is created with both
        salesforce.verify(1, patchRequestedFor(urlEqualTo(UPSERT.formatted("OrderItem"))).withRequestBody(equalToJson("""
                {"allOrNone": false, "records": [
                  {"attributes": {"type": "OrderItem"}, "Tributary_Id__c": "cn-east.fxiaoke.O-1001#1",
                   "Quantity": 2, "UnitPrice": 1234.5, "Description": "深沟球轴承 6204"},
                  {"attributes": {"type": "OrderItem"}, "Tributary_Id__c": "cn-east.fxiaoke.O-1001#2",
                   "Order": {"Tributary_Id__c": "cn-east.fxiaoke.O-1001"},
                   "PricebookEntry": {"Tributary_Sku__c": "SVC-INSTALL"},
                   "Quantity": 1, "UnitPrice": 300.0, "Description": "上门安装"}]}""")));
    }

    @Test
    void should_split_the_lookup_of_many_orders_into_queries_of_a_bounded_length() {
        SalesforceMapping mapping = new SalesforceMapping();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            keys.add("cn-east.distributor-files.D01-" + i + "'x");
        }

        List<String> paths = mapping.lookups("Order", "Tributary_Id__c", keys);

        assertThat(paths).hasSizeGreaterThan(1)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(SalesforceMapping.MAX_QUERY_PATH));
        String all = String.join("", paths.stream().map(p -> java.net.URLDecoder.decode(p, java.nio.charset.StandardCharsets.UTF_8)).toList());
        assertThat(keys).allSatisfy(k -> assertThat(all).contains("'" + k.replace("'", "\\'") + "'"));
        assertThat(mapping.lookups("Order", "Tributary_Id__c", List.of())).isEmpty();
    }

    @Test
    void should_mark_a_merged_account_and_clear_the_mark_on_unmerge() {
        assertThat(deliver("customer-merge")).containsExactly(DeliveryOutcome.delivered());
        assertSentAsGolden("customer-merge");

        salesforce.resetRequests();
        assertThat(deliver("customer-unmerge")).containsExactly(DeliveryOutcome.delivered());
        assertSentAsGolden("customer-unmerge");
    }

    @Test
    void should_send_accounts_then_opportunities_then_orders_then_items_in_one_call_each() {
        salesforce.stubFor(patch(urlEqualTo(UPSERT.formatted("Account"))).willReturn(okJson(results(1))));

        List<DeliveryOutcome> outcomes = adapter(salesforce.baseUrl() + "/login", Map.of()).deliver(
                events("order-two-lines-cny", "opportunity-closed-won-no-amount", "customer-minimal"));

        assertThat(outcomes).containsOnly(DeliveryOutcome.delivered()).hasSize(3);
        assertSentAsGolden("batch-mixed");
    }

    @Test
    void should_reuse_the_token_for_later_deliveries() {
        SalesforceAdapter adapter = adapter(salesforce.baseUrl() + "/login", Map.of());

        adapter.deliver(events("customer-minimal"));
        adapter.deliver(events("customer-english-tax-id"));

        salesforce.verify(1, postRequestedFor(urlEqualTo("/login/services/oauth2/token")));
        salesforce.verify(2, patchRequestedFor(urlEqualTo(UPSERT.formatted("Account"))));
        // no order, no lookup
        salesforce.verify(0, getRequestedFor(urlPathEqualTo(QUERY)));
    }

    @Test
    void should_use_a_configured_token_url_api_version_and_external_id_field() {
        salesforce.stubFor(post(urlEqualTo("/oauth/token")).willReturn(okJson("""
                {"access_token": "other-token", "token_type": "Bearer"}""")));
        salesforce.stubFor(patch(urlEqualTo("/services/data/v60.0/composite/sobjects/Account/HQ_Key__c"))
                .willReturn(okJson(results(1))));

        List<DeliveryOutcome> outcomes = adapter(salesforce.baseUrl(), Map.of("token-url", salesforce.baseUrl()
                + "/oauth/token", "api-version", "v60.0", "external-id-field", "HQ_Key__c")).deliver(events("customer-minimal"));

        // no instance_url in the answer: the API is at the target's base URL
        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        salesforce.verify(patchRequestedFor(urlEqualTo("/services/data/v60.0/composite/sobjects/Account/HQ_Key__c"))
                .withHeader("Authorization", equalTo("Bearer other-token"))
                .withRequestBody(equalToJson("""
                        {"allOrNone": false, "records": [{"attributes": {"type": "Account"},
                          "HQ_Key__c": "GC-00000000000000A1", "Name": "深圳欣菲光电有限公司"}]}""")));
    }

    private List<DeliveryOutcome> deliver(String... names) {
        return adapter(salesforce.baseUrl() + "/login", Map.of()).deliver(events(names));
    }

    /** The queries and upserts sent, in order, equal the golden case's requests: the test of what is really sent. */
    private void assertSentAsGolden(String goldenCase) {
        // WireMock lists the newest request first; the token call (POST) is not part of the cases
        List<ServeEvent> sent = new ArrayList<>(salesforce.getAllServeEvents().stream()
                .filter(e -> !e.getRequest().getMethod().getName().equals("POST")).toList());
        Collections.reverse(sent);
        List<JsonNode> expected = goldenRequests(goldenCase);
        assertThat(sent).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(sent.get(i).getRequest().getMethod().getName()).isEqualTo(expected.get(i).path("method").asText());
            assertThat(sent.get(i).getRequest().getUrl()).isEqualTo(expected.get(i).path("path").asText());
            assertThat(sent.get(i).getRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
            if (!expected.get(i).has("body")) {
                continue;
            }
            assertThat(equalToJson(expected.get(i).path("body").toString())
                    .match(sent.get(i).getRequest().getBodyAsString()).isExactMatch())
                    .as("body of request %d: %s", i, sent.get(i).getRequest().getBodyAsString()).isTrue();
        }
    }

    private static String results(int count) {
        StringBuilder results = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            results.append(i == 0 ? "" : ",").append("""
                    {"id": "001xx000003DGb%dAAG", "success": true, "errors": [], "created": true}""".formatted(i));
        }
        return results.append("]").toString();
    }
}
