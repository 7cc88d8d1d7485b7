package dev.tributary.adapter.kingdee;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tributary.adapter.kingdee.KingdeeTesting.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetEvent;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Proves the exact requests (path, signature headers, body) of every operation the adapter makes. */
class KingdeeContractTest {

    @RegisterExtension
    static WireMockExtension kingdee = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String QUERY = SERVICE + "ExecuteBillQuery.common.kdsvc";
    private static final String SAVE = SERVICE + "Save.common.kdsvc";
    private static final String BATCH_SAVE = SERVICE + "BatchSave.common.kdsvc";
    private static final String OPERATION = SERVICE + "ExcuteOperation.common.kdsvc";
    private static final String SUCCESS = """
            {"Result":{"ResponseStatus":{"ErrorCode":0,"IsSuccess":true,"Errors":[],
             "SuccessEntitys":[{"Id":100001,"Number":"x","DIndex":0}],"MsgCode":0},"Id":100001,"Number":"x"}}""";

    private String baseUrl() {
        return kingdee.baseUrl() + "/k3cloud";
    }

    private List<DeliveryOutcome> deliver(List<TargetEvent> events) {
        try (KingdeeAdapter adapter = KingdeeTesting.adapter(baseUrl())) {
            return adapter.deliver(events);
        }
    }

    /** A POST to {@code path} signed as the SDKs sign it, with exactly {@code body}. */
    private static RequestPatternBuilder signed(String path, JsonNode body) throws Exception {
        long ts = KingdeeTesting.NOW.getEpochSecond();
        return postRequestedFor(urlPathEqualTo(path))
                .withHeader("Content-Type", equalTo("application/json"))
                .withHeader("X-Api-Auth-Version", equalTo("2.0"))
                .withHeader("X-Api-ClientID", equalTo("hubclient"))
                .withHeader("x-api-timestamp", equalTo(Long.toString(ts)))
                .withHeader("x-api-nonce", equalTo(Long.toString(ts)))
                .withHeader("x-api-signheaders", equalTo("x-api-timestamp,x-api-nonce"))
                .withHeader("X-Api-Signature", equalTo(KingdeeTesting.expectedApiSignature(path, ts)))
                .withHeader("X-Kd-Appkey", equalTo(KingdeeTesting.APP_ID))
                .withHeader("X-Kd-Appdata", equalTo(KingdeeTesting.expectedAppData()))
                .withHeader("X-Kd-Signature", equalTo(KingdeeTesting.expectedKdSignature()))
                .withRequestBody(equalToJson(body.toString()));
    }

    @Test
    void should_query_the_number_then_create_the_customer_with_signed_calls() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(SUCCESS)));

        List<DeliveryOutcome> outcomes = deliver(KingdeeTesting.events("customer-chinese-with-uscc"));

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        List<JsonNode> bodies = KingdeeTesting.golden("customer-chinese-with-uscc");
        kingdee.verify(1, signed(QUERY, bodies.get(0)));
        kingdee.verify(1, signed(SAVE, bodies.get(1)));
    }

    @Test
    void should_update_the_customer_the_query_found_with_its_fcustid() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[[100123,\"GC-280111D1E047C895\"]]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(SUCCESS)));

        assertThat(deliver(KingdeeTesting.events("customer-chinese-with-uscc"))).containsExactly(DeliveryOutcome.delivered());

        JsonNode update = KingdeeTesting.golden("customer-chinese-with-uscc").get(1).deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) update.path("data").path("Model")).put("FCUSTID", 100123);
        kingdee.verify(1, signed(SAVE, update));
    }

    @Test
    void should_look_up_a_batch_in_one_query_and_save_it_in_one_batch_save() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(BATCH_SAVE)).willReturn(okJson("""
                {"Result":{"ResponseStatus":{"IsSuccess":true,"Errors":[],"SuccessEntitys":[
                 {"Id":1,"Number":"a","DIndex":0},{"Id":2,"Number":"b","DIndex":1},{"Id":3,"Number":"c","DIndex":2}],"MsgCode":0}}}""")));

        List<DeliveryOutcome> outcomes = deliver(KingdeeTesting.events("customer-chinese-with-uscc",
                "customer-english-tax-id", "customer-minimal"));

        assertThat(outcomes).containsOnly(DeliveryOutcome.delivered()).hasSize(3);
        List<JsonNode> bodies = KingdeeTesting.golden("customers-batch-of-three");
        kingdee.verify(1, signed(QUERY, bodies.get(0)));
        kingdee.verify(1, signed(BATCH_SAVE, bodies.get(1)));
    }

    @Test
    void should_query_the_bill_number_then_save_the_sales_order() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(SUCCESS)));

        assertThat(deliver(KingdeeTesting.events("order-two-lines-cny"))).containsExactly(DeliveryOutcome.delivered());

        List<JsonNode> bodies = KingdeeTesting.golden("order-two-lines-cny");
        kingdee.verify(1, signed(QUERY, bodies.get(0)));
        kingdee.verify(1, signed(SAVE, bodies.get(1)));
    }

    @Test
    void should_cancel_a_cancelled_order_the_erp_holds_with_excute_operation() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY))
                .willReturn(okJson("[[555,\"cn-east.distributor-files.D01-7788\",\"A\"]]")));
        kingdee.stubFor(post(urlPathEqualTo(OPERATION)).willReturn(okJson(SUCCESS)));

        assertThat(deliver(KingdeeTesting.events("order-distributor-cancelled"))).containsExactly(DeliveryOutcome.delivered());

        kingdee.verify(1, signed(OPERATION, KingdeeTesting.JSON.readTree("""
                {"formid":"SAL_SaleOrder","opNumber":"Cancel","data":{"Numbers":["cn-east.distributor-files.D01-7788"]}}""")));
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_send_nothing_more_for_a_cancelled_order_the_erp_never_had_or_already_cancelled() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        assertThat(deliver(KingdeeTesting.events("order-distributor-cancelled"))).containsExactly(DeliveryOutcome.delivered());
        kingdee.stubFor(post(urlPathEqualTo(QUERY))
                .willReturn(okJson("[[555,\"cn-east.distributor-files.D01-7788\",\"B\"]]")));
        assertThat(deliver(KingdeeTesting.events("order-distributor-cancelled"))).containsExactly(DeliveryOutcome.delivered());

        kingdee.verify(0, postRequestedFor(urlPathEqualTo(OPERATION)));
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_forbid_the_merged_customer_and_enable_the_restored_one() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[[9,\"GC-7E8F0E112D24B539\",\"A\"]]")));
        kingdee.stubFor(post(urlPathEqualTo(OPERATION)).willReturn(okJson(SUCCESS)));
        assertThat(deliver(KingdeeTesting.events("customer-merge"))).containsExactly(DeliveryOutcome.delivered());

        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[[9,\"GC-7E8F0E112D24B539\",\"B\"]]")));
        assertThat(deliver(KingdeeTesting.events("customer-unmerge"))).containsExactly(DeliveryOutcome.delivered());

        kingdee.verify(2, signed(QUERY, KingdeeTesting.golden("customer-merge").get(0)));
        kingdee.verify(1, signed(OPERATION, KingdeeTesting.JSON.readTree("""
                {"formid":"BD_Customer","opNumber":"Forbid","data":{"Numbers":["GC-7E8F0E112D24B539"]}}""")));
        kingdee.verify(1, signed(OPERATION, KingdeeTesting.JSON.readTree("""
                {"formid":"BD_Customer","opNumber":"Enable","data":{"Numbers":["GC-7E8F0E112D24B539"]}}""")));
    }

    @Test
    void should_send_data_as_a_json_string_when_data_as_string_is_set() throws Exception {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(SUCCESS.replace("true", "\"true\""))));

        List<DeliveryOutcome> outcomes;
        try (KingdeeAdapter adapter = KingdeeTesting.adapter(baseUrl(), Map.of("data-as-string", "true"))) {
            outcomes = adapter.deliver(KingdeeTesting.events("customer-minimal"));
        }

        assertThat(outcomes).containsExactly(DeliveryOutcome.delivered());
        List<JsonNode> bodies = KingdeeTesting.golden("customer-minimal");
        JsonNode save = KingdeeTesting.JSON.readTree(kingdee.findAll(postRequestedFor(urlPathEqualTo(SAVE))).get(0).getBodyAsString());
        assertThat(save.path("formid").asText()).isEqualTo("BD_Customer");
        assertThat(save.path("data").isTextual()).isTrue();
        assertThat(KingdeeTesting.JSON.readTree(save.path("data").asText())).isEqualTo(bodies.get(1).path("data"));
        JsonNode query = KingdeeTesting.JSON.readTree(kingdee.findAll(postRequestedFor(urlPathEqualTo(QUERY))).get(0).getBodyAsString());
        assertThat(KingdeeTesting.JSON.readTree(query.path("data").asText())).isEqualTo(bodies.get(0).path("data"));
    }

    @Test
    void should_decline_opportunities_and_take_the_rest() {
        try (KingdeeAdapter adapter = KingdeeTesting.adapter(baseUrl())) {
            assertThat(adapter.takes(TargetEvent.OPPORTUNITIES)).isFalse();
            assertThat(List.of(TargetEvent.CUSTOMERS, TargetEvent.ORDERS, TargetEvent.MERGES, TargetEvent.UNMERGES))
                    .allMatch(adapter::takes);
            assertThat(adapter.maxBatch()).isEqualTo(50);
        }
    }

    @Test
    void should_refuse_to_start_without_credentials() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KingdeeAdapter.Factory().create(
                new dev.tributary.targets.TargetContext("erp", baseUrl(), new dev.tributary.targets.TargetHttp(
                        java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), 1), KingdeeTesting.JSON,
                        KingdeeTesting.CLOCK, new org.springframework.boot.context.properties.bind.Binder(
                                new org.springframework.boot.context.properties.source.MapConfigurationPropertySource(Map.of())))))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("app-secret")
                .hasMessageContaining("tributary.targets.erp");
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(QUERY)));
    }
}
