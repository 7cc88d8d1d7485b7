package dev.tributary.adapter.sap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
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
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tributary.adapter.sap.SapTestSupport.event;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the exact OData calls of each operation: paths with sap-client, basic auth, CSRF token and cookie, bodies. */
class SapContractTest {

    static final String BP = "/sap/opu/odata/sap/API_BUSINESS_PARTNER";
    static final String SO = "/sap/opu/odata/sap/API_SALES_ORDER_SRV";
    static final String CLIENT = "sap-client=100";
    static final String AUTH = "Basic " + Base64.getEncoder().encodeToString(
            (SapTestSupport.USER + ":" + SapTestSupport.PASSWORD).getBytes(StandardCharsets.UTF_8));
    static final String COOKIE = "SAP_SESSIONID_S4H_100=sess-abc; sap-usercontext=sap-client=100";

    private WireMockServer sap;
    private TargetContext context;
    private SapAdapter adapter;

    @BeforeEach
    void start() {
        sap = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sap.start();
        context = SapTestSupport.context("http://127.0.0.1:" + sap.port(), Map.of("sap-client", "100"));
        adapter = SapTestSupport.adapter(context);
        for (String service : List.of(BP, SO)) {
            sap.stubFor(get(urlEqualTo(service + "/?" + CLIENT)).withHeader("x-csrf-token", equalTo("fetch"))
                    .willReturn(okJson("{\"d\":{\"EntitySets\":[]}}").withHeader("x-csrf-token", "tok-1")
                            .withHeader("Set-Cookie", "SAP_SESSIONID_S4H_100=sess-abc; path=/; HttpOnly")
                            .withHeader("Set-Cookie", "sap-usercontext=sap-client=100; path=/")));
        }
    }

    @AfterEach
    void stop() throws Exception {
        context.http().close();
        sap.stop();
    }

    static String partnerLookup(String globalCustomerId) {
        return BP + "/A_BusinessPartner?$filter=BusinessPartnerIDByExtSystem%20eq%20%27" + globalCustomerId
                + "%27&$select=BusinessPartner&" + CLIENT;
    }

    static String orderLookup(String purchaseOrder) {
        return SO + "/A_SalesOrder?$filter=PurchaseOrderByCustomer%20eq%20%27" + purchaseOrder + "%27&$select=SalesOrder&"
                + CLIENT;
    }

    void partnerIs(String globalCustomerId, String number) {
        sap.stubFor(get(urlEqualTo(partnerLookup(globalCustomerId))).willReturn(okJson(number == null
                ? "{\"d\":{\"results\":[]}}"
                : "{\"d\":{\"results\":[{\"__metadata\":{\"type\":\"API_BUSINESS_PARTNER.A_BusinessPartnerType\"},"
                        + "\"BusinessPartner\":\"" + number + "\"}]}}")));
    }

    void orderIs(String purchaseOrder, String number) {
        sap.stubFor(get(urlEqualTo(orderLookup(purchaseOrder))).willReturn(okJson(number == null ? "{\"d\":{\"results\":[]}}"
                : "{\"d\":{\"results\":[{\"SalesOrder\":\"" + number + "\"}]}}")));
    }

    @Test
    void should_look_up_then_fetch_a_csrf_token_then_deep_insert_a_new_business_partner() {
        partnerIs("GC-280111D1E047C895", null);
        sap.stubFor(post(urlEqualTo(BP + "/A_BusinessPartner?" + CLIENT))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"d\":{\"BusinessPartner\":\"17100001\"}}")));

        assertThat(adapter.deliver(List.of(event("customer-chinese-with-uscc")))).containsExactly(DeliveryOutcome.delivered());

        sap.verify(1, getRequestedFor(urlEqualTo(partnerLookup("GC-280111D1E047C895")))
                .withHeader("Authorization", equalTo(AUTH)).withHeader("Accept", equalTo("application/json")));
        sap.verify(1, getRequestedFor(urlEqualTo(BP + "/?" + CLIENT)).withHeader("x-csrf-token", equalTo("fetch"))
                .withHeader("Authorization", equalTo(AUTH)));
        sap.verify(1, postRequestedFor(urlEqualTo(BP + "/A_BusinessPartner?" + CLIENT))
                .withHeader("Authorization", equalTo(AUTH))
                .withHeader("x-csrf-token", equalTo("tok-1"))
                .withHeader("Cookie", equalTo(COOKIE))
                .withHeader("Content-Type", containing("application/json"))
                .withRequestBody(equalToJson(SapTestSupport.goldenBody("customer-chinese-with-uscc", 2))));
    }

    @Test
    void should_patch_the_names_of_a_known_business_partner_with_if_match_any() {
        partnerIs("GC-0A1B2C3D4E5F6071", "17100002");
        sap.stubFor(patch(urlEqualTo(BP + "/A_BusinessPartner('17100002')?" + CLIENT)).willReturn(aResponse().withStatus(204)));

        assertThat(adapter.deliver(List.of(event("customer-english-tax-id")))).containsExactly(DeliveryOutcome.delivered());

        sap.verify(1, patchRequestedFor(urlEqualTo(BP + "/A_BusinessPartner('17100002')?" + CLIENT))
                .withHeader("Authorization", equalTo(AUTH)).withHeader("If-Match", equalTo("*"))
                .withHeader("x-csrf-token", equalTo("tok-1")).withHeader("Cookie", equalTo(COOKIE))
                .withRequestBody(equalToJson("""
                        {"OrganizationBPName1": "Rhein Optics GmbH", "OrganizationBPName2": "", "OrganizationBPName3": "",
                         "OrganizationBPName4": "", "SearchTerm1": "GC-0A1B2C3D4E5F6071"}""")));
        sap.verify(0, postRequestedFor(urlEqualTo(BP + "/A_BusinessPartner?" + CLIENT)));
    }

    @Test
    void should_deep_insert_a_new_sales_order_sold_to_the_partner_found_by_the_customer_id() {
        partnerIs("GC-280111D1E047C895", "17100001");
        orderIs("cn-east.fxiaoke.O-1001", null);
        sap.stubFor(post(urlEqualTo(SO + "/A_SalesOrder?" + CLIENT)).willReturn(aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("{\"d\":{\"SalesOrder\":\"4711\",\"to_Item\":{\"results\":[]}}}")));

        assertThat(adapter.deliver(List.of(event("order-two-lines-cny")))).containsExactly(DeliveryOutcome.delivered());

        String expected = SapTestSupport.goldenBody("order-two-lines-cny", 6).replace("BP-GC-280111D1E047C895", "17100001");
        sap.verify(1, getRequestedFor(urlEqualTo(SO + "/?" + CLIENT)).withHeader("x-csrf-token", equalTo("fetch")));
        sap.verify(1, postRequestedFor(urlEqualTo(SO + "/A_SalesOrder?" + CLIENT))
                .withHeader("Authorization", equalTo(AUTH)).withHeader("x-csrf-token", equalTo("tok-1"))
                .withHeader("Cookie", equalTo(COOKIE)).withRequestBody(equalToJson(expected)));
        assertThat(expected).contains("\"SoldToParty\":\"17100001\"", "\"to_Item\"", "/Date(1795824000000)/");
    }

    @Test
    void should_patch_only_the_header_of_a_known_sales_order() {
        partnerIs("GC-0A1B2C3D4E5F6071", "17100002");
        orderIs("eu-west.salesforce.8015g000000AbC1", "4712");
        sap.stubFor(patch(urlEqualTo(SO + "/A_SalesOrder('4712')?" + CLIENT)).willReturn(aResponse().withStatus(204)));

        assertThat(adapter.deliver(List.of(event("order-eur-discount")))).containsExactly(DeliveryOutcome.delivered());

        sap.verify(1, patchRequestedFor(urlEqualTo(SO + "/A_SalesOrder('4712')?" + CLIENT))
                .withHeader("If-Match", equalTo("*")).withHeader("x-csrf-token", equalTo("tok-1"))
                .withRequestBody(equalToJson("""
                        {"CustomerPurchaseOrderDate": "/Date(1795910400000)/", "TransactionCurrency": "EUR"}""")));
        sap.verify(0, postRequestedFor(urlEqualTo(SO + "/A_SalesOrder?" + CLIENT)));
    }

    @Test
    void should_block_a_merged_partner_and_unblock_it_on_unmerge() {
        partnerIs("GC-7E8F0E112D24B539", "17100009");
        String path = BP + "/A_BusinessPartner('17100009')?" + CLIENT;
        sap.stubFor(patch(urlEqualTo(path)).willReturn(aResponse().withStatus(204)));

        assertThat(adapter.deliver(List.of(event("customer-merge")))).containsExactly(DeliveryOutcome.delivered());
        sap.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(
                equalToJson("{\"BusinessPartnerIsBlocked\": true, \"SearchTerm2\": \"MERGED\"}")));

        assertThat(adapter.deliver(List.of(event("customer-unmerge")))).containsExactly(DeliveryOutcome.delivered());
        sap.verify(1, patchRequestedFor(urlEqualTo(path)).withRequestBody(
                equalToJson("{\"BusinessPartnerIsBlocked\": false, \"SearchTerm2\": \"\"}")));
    }

    @Test
    void should_make_no_call_for_a_merge_of_a_partner_sap_never_had() {
        partnerIs("GC-7E8F0E112D24B539", null);

        assertThat(adapter.deliver(List.of(event("customer-merge")))).containsExactly(DeliveryOutcome.delivered());
        assertThat(sap.getAllServeEvents()).hasSize(1);
    }

    @Test
    void should_fetch_one_csrf_token_per_service_for_many_writes() {
        partnerIs("GC-280111D1E047C895", "17100001");
        partnerIs("GC-0A1B2C3D4E5F6071", "17100002");
        sap.stubFor(patch(urlEqualTo(BP + "/A_BusinessPartner('17100001')?" + CLIENT)).willReturn(aResponse().withStatus(204)));
        sap.stubFor(patch(urlEqualTo(BP + "/A_BusinessPartner('17100002')?" + CLIENT)).willReturn(aResponse().withStatus(204)));

        for (int i = 0; i < 3; i++) {
            adapter.deliver(List.of(event("customer-chinese-with-uscc")));
            adapter.deliver(List.of(event("customer-english-tax-id")));
        }

        sap.verify(1, getRequestedFor(urlEqualTo(BP + "/?" + CLIENT)));
        sap.verify(0, getRequestedFor(urlEqualTo(SO + "/?" + CLIENT)));
        // lookups after the first write stay in the session (its cookie), without the CSRF token
        sap.verify(5, getRequestedFor(urlMatching(".*\\$filter=.*")).withHeader("Cookie", equalTo(COOKIE))
                .withoutHeader("x-csrf-token"));
    }

    @Test
    void should_take_no_opportunities_and_one_event_per_call() {
        assertThat(adapter.takes(TargetEvent.OPPORTUNITIES)).isFalse();
        assertThat(adapter.takes(TargetEvent.CUSTOMERS)).isTrue();
        assertThat(adapter.takes(TargetEvent.ORDERS)).isTrue();
        assertThat(adapter.takes(TargetEvent.MERGES)).isTrue();
        assertThat(adapter.takes(TargetEvent.UNMERGES)).isTrue();
        assertThat(adapter.maxBatch()).isEqualTo(1);
    }
}
