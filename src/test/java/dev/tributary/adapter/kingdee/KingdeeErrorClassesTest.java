package dev.tributary.adapter.kingdee;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.tributary.adapter.kingdee.KingdeeTesting.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.DeliveryOutcome.Status;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves the class of every Kingdee answer in the README's table, the session repeat and per-record reading. */
class KingdeeErrorClassesTest {

    @RegisterExtension
    static WireMockExtension kingdee = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private static final String QUERY = SERVICE + "ExecuteBillQuery.common.kdsvc";
    private static final String SAVE = SERVICE + "Save.common.kdsvc";
    private static final String BATCH_SAVE = SERVICE + "BatchSave.common.kdsvc";

    private static String failed(int msgCode, String field, String message) {
        return """
                {"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"Errors":[
                 {"FieldName":"%s","Message":"%s","DIndex":0}],"SuccessEntitys":[],"MsgCode":%d}}}"""
                .formatted(field, message, msgCode);
    }

    static Stream<Arguments> saveAnswers() {
        return Stream.of(
                Arguments.of("validation (MsgCode 11)", 200, failed(11, "FName", "名称不能为空"), Status.PERMANENT, "MsgCode 11", "FName: 名称不能为空"),
                Arguments.of("unknown customer (MsgCode 9)", 200, failed(9, "FCustId", "客户不存在"), Status.PERMANENT, "MsgCode 9", "FCustId: 客户不存在"),
                Arguments.of("unknown material (MsgCode 0)", 200, failed(0, "FMaterialId", "物料编码BRG-6204不存在"), Status.PERMANENT, "MsgCode 0", "FMaterialId: 物料编码BRG-6204不存在"),
                Arguments.of("number already exists (a raced query)", 200, failed(11, "FNumber", "编码“GC-1”已经存在"), Status.PERMANENT, "MsgCode 11", "已经存在"),
                Arguments.of("not operable (MsgCode 12)", 200, failed(12, "", "单据已审核，不允许修改"), Status.PERMANENT, "MsgCode 12", "已审核"),
                Arguments.of("parameter error (MsgCode 8)", 200, failed(8, "", "参数错误"), Status.PERMANENT, "MsgCode 8", "参数错误"),
                Arguments.of("exception (MsgCode 4)", 200, failed(4, "", "未将对象引用设置到对象的实例"), Status.PERMANENT, "MsgCode 4", "对象"),
                Arguments.of("unknown MsgCode 99", 200, failed(99, "", "新的错误"), Status.PERMANENT, "MsgCode 99", "新的错误"),
                Arguments.of("network control conflict (MsgCode 13)", 200, failed(13, "", "网控冲突：客户正在被其他用户修改"), Status.TRANSIENT, "MsgCode 13", "网控冲突"),
                Arguments.of("network control by words (MsgCode 0)", 200, failed(0, "", "网络控制：数据已被锁定"), Status.TRANSIENT, "MsgCode 0", "网络控制"),
                Arguments.of("call limit (MsgCode 14)", 200, failed(14, "", "调用限制"), Status.TRANSIENT, "MsgCode 14", "调用限制"),
                Arguments.of("database operation failed (MsgCode 6)", 200, failed(6, "", "数据库操作失败：死锁"), Status.TRANSIENT, "MsgCode 6", "死锁"),
                Arguments.of("server busy (MsgCode 0)", 200, failed(0, "", "服务器繁忙，请稍后再试"), Status.TRANSIENT, "MsgCode 0", "繁忙"),
                Arguments.of("no permission (MsgCode 2)", 200, failed(2, "", "没有客户的保存权限"), Status.PERMANENT, "MsgCode 2", "rights or licence"),
                Arguments.of("licence (MsgCode 7)", 200, failed(7, "", "许可错误"), Status.PERMANENT, "MsgCode 7", "rights or licence"),
                Arguments.of("administrator login forbidden (MsgCode 15)", 200, failed(15, "", "禁止管理员登录"), Status.PERMANENT, "MsgCode 15", "rights or licence"),
                Arguments.of("wrong app secret (signature)", 200, failed(1, "", "签名验证失败"), Status.TRANSIENT, "AUTH", "app-secret"),
                Arguments.of("signature failure in English (MsgCode 0)", 200, failed(0, "", "Invalid signature."), Status.TRANSIENT, "AUTH", "app-secret"),
                Arguments.of("field value quoting session (MsgCode 11)", 200, failed(11, "FName", "客户名称“Session Timeout Consulting”包含非法字符"), Status.PERMANENT, "MsgCode 11", "Session Timeout Consulting"),
                Arguments.of("field value quoting session (MsgCode 0)", 200, failed(0, "FName", "The value 'Session Lost Busy Bee Ltd' of FName is already used"), Status.PERMANENT, "MsgCode 0", "Session Lost Busy Bee Ltd"),
                Arguments.of("field value quoting network control (MsgCode 0)", 200, failed(0, "FADDRESS", "地址“网控大厦 timeout 路 8 号”超长"), Status.PERMANENT, "MsgCode 0", "网控大厦"),
                Arguments.of("field value quoting network control (MsgCode 11)", 200, failed(11, "FName", "网控冲突测试有限公司：名称已存在"), Status.PERMANENT, "MsgCode 11", "网控冲突测试有限公司"),
                Arguments.of("server busy in English (MsgCode 0)", 200, failed(0, "", "The server is busy, please try again later."), Status.TRANSIENT, "MsgCode 0", "server is busy"),
                Arguments.of("timeout (MsgCode 4)", 200, failed(4, "", "执行超时：SQL 超过 30 秒"), Status.TRANSIENT, "MsgCode 4", "执行超时"),
                Arguments.of("session lost in English (MsgCode 0)", 200, failed(0, "", "Session lost, please log in again."), Status.TRANSIENT, "MsgCode 0", "repeated once"),
                Arguments.of("session lost twice (MsgCode 1)", 200, failed(1, "", "会话信息已丢失，请重新登录"), Status.TRANSIENT, "MsgCode 1", "repeated once"),
                Arguments.of("IsSuccess as string \"false\"", 200, failed(11, "FName", "名称不能为空").replace("false", "\"false\""), Status.PERMANENT, "MsgCode 11", "FName"),
                Arguments.of("IsSuccess as string \"true\"", 200, "{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":\"true\",\"MsgCode\":\"0\"}}}", Status.DELIVERED, null, null),
                Arguments.of("Result nested twice", 200, "{\"Result\":{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":true}}}}", Status.DELIVERED, null, null),
                Arguments.of("Result as a JSON string", 200, "{\"Result\":\"{\\\"ResponseStatus\\\":{\\\"IsSuccess\\\":false,\\\"MsgCode\\\":11,\\\"Errors\\\":[{\\\"FieldName\\\":\\\"FName\\\",\\\"Message\\\":\\\"必填\\\",\\\"DIndex\\\":0}]}}\"}", Status.PERMANENT, "MsgCode 11", "FName: 必填"),
                Arguments.of("HTTP 500", 500, "Internal Server Error", Status.TRANSIENT, "HTTP 500", "HTTP 500"),
                Arguments.of("HTTP 503", 503, "", Status.TRANSIENT, "HTTP 503", "HTTP 503"),
                Arguments.of("HTTP 404 (wrong base URL)", 404, "not found", Status.PERMANENT, "HTTP 404", "HTTP 404"),
                Arguments.of("HTTP 200 that is no JSON", 200, "<html>系统维护中</html>", Status.TRANSIENT, "HTTP 200", "no JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("saveAnswers")
    void should_classify_each_save_answer(String name, int http, String body, Status status, String code, String reason) {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(aResponse().withStatus(http)
                .withHeader("Content-Type", "application/json").withBody(body)));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.status()).as(name).isEqualTo(status);
        assertThat(outcome.code()).isEqualTo(code);
        if (reason != null) {
            assertThat(outcome.reason()).contains(reason).doesNotContain("test-secret");
        }
    }

    @Test
    void should_read_a_failed_query_in_the_array_shape_as_its_status() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson(
                "[[{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":false,\"MsgCode\":13,\"Errors\":[{\"Message\":\"网控冲突\"}]}}}]]")));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.describe()).contains("MsgCode 13").contains("Kingdee ExecuteBillQuery BD_Customer: 网控冲突");
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_keep_retry_after_of_a_503() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(503).withHeader("Retry-After", "30")));

        assertThat(deliver("customer-minimal").get(0).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void should_read_a_reset_connection_as_no_answer() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.httpStatus()).isNull();
    }

    @Test
    void should_dead_letter_an_order_in_a_currency_without_a_kingdee_number_without_a_call() throws Exception {
        byte[] body = new String(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(
                "src/test/resources/target-events/order-eur-discount.json")), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"EUR\"", "\"CHF\"").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (KingdeeAdapter adapter = KingdeeTesting.adapter(kingdee.baseUrl() + "/k3cloud")) {
            DeliveryOutcome outcome = adapter.deliver(List.of(dev.tributary.targets.TargetEvent.of(body, KingdeeTesting.JSON))).get(0);
            assertThat(outcome.isPermanent()).isTrue();
            assertThat(outcome.reason()).contains("FSettleCurrId").contains("currencies.CHF");
        }
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(QUERY)));
    }

    @Test
    void should_repeat_once_at_once_when_the_session_is_lost_and_then_deliver() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).inScenario("session").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(okJson(failed(1, "", "会话信息已丢失，请重新登录"))).willSetStateTo("signed again"));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).inScenario("session").whenScenarioStateIs("signed again")
                .willReturn(okJson("{\"Result\":{\"ResponseStatus\":{\"IsSuccess\":true}}}")));

        assertThat(deliver("customer-minimal")).containsExactly(DeliveryOutcome.delivered());
        kingdee.verify(2, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_repeat_a_lost_session_only_once_then_call_it_transient() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(failed(1, "", "会话信息已丢失，请重新登录"))));

        assertThat(deliver("customer-minimal").get(0).isTransient()).isTrue();
        kingdee.verify(2, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_not_repeat_a_wrong_app_secret_and_let_the_events_wait() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson(failed(1, "", "签名验证失败"))));

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "customer-english-tax-id");

        assertThat(outcomes).allSatisfy(outcome -> {
            assertThat(outcome.isTransient()).as(outcome.describe()).isTrue();
            assertThat(outcome.code()).isEqualTo(KingdeeErrors.AUTH);
            assertThat(outcome.reason()).contains("app-secret", "签名验证失败").doesNotContain("test-secret");
        });
        kingdee.verify(1, postRequestedFor(urlPathEqualTo(QUERY)));
        kingdee.verify(0, postRequestedFor(urlPathEqualTo(BATCH_SAVE)));
    }

    @Test
    void should_dead_letter_a_validation_quoting_session_in_a_field_value_without_repeating_it() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(SAVE)).willReturn(okJson(failed(11, "FName",
                "客户名称“Session Lost Consulting (busy timeout)”包含非法字符"))));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.isPermanent()).as(outcome.describe()).isTrue();
        assertThat(outcome.code()).isEqualTo("MsgCode 11");
        assertThat(outcome.reason()).contains("FName: 客户名称“Session Lost Consulting (busy timeout)”包含非法字符");
        kingdee.verify(1, postRequestedFor(urlPathEqualTo(SAVE)));
    }

    @Test
    void should_read_a_partly_successful_batch_save_record_by_record() {
        kingdee.stubFor(post(urlPathEqualTo(QUERY)).willReturn(okJson("[]")));
        kingdee.stubFor(post(urlPathEqualTo(BATCH_SAVE)).willReturn(okJson("""
                {"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,"MsgCode":11,
                 "Errors":[{"FieldName":"FTAXREGISTERCODE","Message":"税务登记号格式不正确","DIndex":1}],
                 "SuccessEntitys":[{"Id":1,"Number":"GC-280111D1E047C895","DIndex":0},{"Id":3,"Number":"GC-00000000000000A1","DIndex":2}]}}}""")));

        List<DeliveryOutcome> outcomes = deliver("customer-chinese-with-uscc", "customer-english-tax-id", "customer-minimal");

        assertThat(outcomes.get(0).isDelivered()).isTrue();
        assertThat(outcomes.get(1).isPermanent()).isTrue();
        assertThat(outcomes.get(1).reason()).contains("FTAXREGISTERCODE: 税务登记号格式不正确");
        assertThat(outcomes.get(2).isDelivered()).isTrue();
    }

    private List<DeliveryOutcome> deliver(String... events) {
        try (KingdeeAdapter adapter = KingdeeTesting.adapter(kingdee.baseUrl() + "/k3cloud")) {
            return adapter.deliver(KingdeeTesting.events(events));
        }
    }
}
