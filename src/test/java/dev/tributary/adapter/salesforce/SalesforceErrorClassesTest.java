package dev.tributary.adapter.salesforce;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.CLIENT_SECRET;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.adapter;
import static dev.tributary.adapter.salesforce.SalesforceFixtures.events;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.DeliveryOutcome.Status;
import dev.tributary.targets.TargetEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves each error class of the Salesforce adapter's table: record errors, call errors, token errors. */
class SalesforceErrorClassesTest {

    private static final String ACCOUNTS = "/services/data/v62.0/composite/sobjects/Account/Tributary_Id__c";
    private static final String TOKEN_PATH = "/services/oauth2/token";
    private static final String QUERY = "/services/data/v62.0/query";

    private final WireMockServer salesforce = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

    @BeforeEach
    void start() {
        salesforce.start();
        salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(okJson("""
                {"access_token": "token-1", "instance_url": "%s", "token_type": "Bearer"}""".formatted(salesforce.baseUrl()))));
        // no Order exists yet
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(okJson("""
                {"totalSize": 0, "done": true, "records": []}""")));
    }

    @AfterEach
    void stop() {
        salesforce.stop();
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "UNABLE_TO_LOCK_ROW, TRANSIENT",
            "REQUEST_LIMIT_EXCEEDED, TRANSIENT",
            "SERVER_UNAVAILABLE, TRANSIENT",
            "DUPLICATE_VALUE, PERMANENT",
            "REQUIRED_FIELD_MISSING, PERMANENT",
            "FIELD_CUSTOM_VALIDATION_EXCEPTION, PERMANENT",
            "INVALID_FIELD, PERMANENT",
            "INVALID_CROSS_REFERENCE_KEY, PERMANENT",
            "DUPLICATE_EXTERNAL_ID, PERMANENT",
            "INVALID_FIELD_FOR_INSERT_UPDATE, PERMANENT",
            "STRING_TOO_LONG, PERMANENT",
            "A_CODE_NOT_KNOWN_YET, PERMANENT"})
    void should_classify_a_record_error_by_its_status_code(String statusCode, Status expected) {
        answerAccounts(okJson("""
                [{"success": false, "errors": [{"statusCode": "%s", "message": "the vendor's words", "fields": ["Name", "Phone"]}]}]"""
                .formatted(statusCode)));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.status()).isEqualTo(expected);
        assertThat(outcome.code()).isEqualTo(statusCode);
        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.reason()).isEqualTo("Account GC-00000000000000A1: " + statusCode
                + ": the vendor's words (fields: Name, Phone)");
    }

    static Stream<Arguments> callErrors() {
        return Stream.of(
                Arguments.of("400 malformed", 400, """
                        [{"message": "Unexpected character ('}' (code 125))", "errorCode": "JSON_PARSER_ERROR"}]""", null,
                        Status.PERMANENT, "JSON_PARSER_ERROR", null, "Unexpected character"),
                Arguments.of("300 several records match", 300, """
                        ["/services/data/v62.0/sobjects/Account/001xx000003DGb2AAG", "/services/data/v62.0/sobjects/Account/001xx000003DGb3AAG"]""",
                        null, Status.PERMANENT, "MULTIPLE_CHOICES", null,
                        "/services/data/v62.0/sobjects/Account/001xx000003DGb2AAG, /services/data/v62.0/sobjects/Account/001xx000003DGb3AAG"),
                Arguments.of("403 request limit", 403, """
                        [{"message": "TotalRequests Limit exceeded.", "errorCode": "REQUEST_LIMIT_EXCEEDED"}]""", "120",
                        Status.TRANSIENT, "REQUEST_LIMIT_EXCEEDED", Duration.ofSeconds(120), "TotalRequests Limit exceeded."),
                Arguments.of("403 other", 403, """
                        [{"message": "API is not enabled for this Organization or Partner", "errorCode": "API_DISABLED_FOR_ORG"}]""", null,
                        Status.PERMANENT, "API_DISABLED_FOR_ORG", null, "API is not enabled"),
                Arguments.of("404 unknown external id field", 404, """
                        [{"errorCode": "NOT_FOUND", "message": "Provided external ID field does not exist or is not accessible: Tributary_Id__c"}]""",
                        null, Status.PERMANENT, "NOT_FOUND", null, "Provided external ID field does not exist"),
                Arguments.of("500", 500, """
                        [{"message": "An unexpected error occurred.", "errorCode": "UNKNOWN_EXCEPTION"}]""", null,
                        Status.TRANSIENT, "UNKNOWN_EXCEPTION", null, "An unexpected error occurred."),
                Arguments.of("503 with Retry-After", 503, "<html>Service Unavailable</html>", "30",
                        Status.TRANSIENT, "HTTP 503", Duration.ofSeconds(30), "Service Unavailable"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("callErrors")
    void should_classify_a_call_error_for_every_event_of_the_call(String name, int status, String body, String retryAfter,
            Status expected, String code, Duration expectedRetryAfter, String quoted) {
        ResponseDefinitionBuilder answer = aResponse().withStatus(status).withHeader("Content-Type", "application/json")
                .withBody(body);
        if (retryAfter != null) {
            answer.withHeader("Retry-After", retryAfter);
        }
        answerAccounts(answer);

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "customer-english-tax-id");

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(expected);
            assertThat(outcome.code()).isEqualTo(code);
            assertThat(outcome.httpStatus()).isEqualTo(status);
            assertThat(outcome.retryAfter()).isEqualTo(expectedRetryAfter);
            assertThat(outcome.reason()).startsWith("Salesforce answered HTTP " + status + " to the Account upsert")
                    .contains(quoted);
        });
        salesforce.verify(1, patchRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void should_report_a_call_without_answer_as_transient_and_send_no_further_call() {
        answerAccounts(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "opportunity-proposal");

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.isTransient()).isTrue();
            assertThat(outcome.httpStatus()).isNull();
            assertThat(outcome.reason()).startsWith("connection to the target failed");
        });
        salesforce.verify(0, patchRequestedFor(urlPathMatching(".*/Opportunity/.*")));
    }

    @Test
    void should_classify_each_record_of_a_partial_batch_on_its_own_and_send_nothing_again() {
        answerAccounts(okJson("""
                [{"id": "001xx000003DGb2AAG", "success": true, "errors": [], "created": true},
                 {"success": false, "errors": [{"statusCode": "REQUIRED_FIELD_MISSING", "message": "Required fields are missing: [Name]", "fields": ["Name"]}]},
                 {"success": false, "errors": [{"statusCode": "UNABLE_TO_LOCK_ROW", "message": "unable to obtain exclusive access to this record", "fields": []}]}]"""));

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "customer-english-tax-id", "customer-chinese-with-uscc");

        assertThat(outcomes.get(0).isDelivered()).isTrue();
        assertThat(outcomes.get(1).isPermanent()).isTrue();
        assertThat(outcomes.get(1).reason()).isEqualTo(
                "Account GC-0A1B2C3D4E5F6071: REQUIRED_FIELD_MISSING: Required fields are missing: [Name] (fields: Name)");
        assertThat(outcomes.get(2).isTransient()).isTrue();
        assertThat(outcomes.get(2).code()).isEqualTo("UNABLE_TO_LOCK_ROW");
        salesforce.verify(1, patchRequestedFor(urlEqualTo(ACCOUNTS)));
    }

    @Test
    void should_send_no_items_of_an_order_that_failed() {
        salesforce.stubFor(patch(urlEqualTo("/services/data/v62.0/composite/sobjects/Order/Tributary_Id__c")).willReturn(okJson("""
                [{"success": false, "errors": [{"statusCode": "FIELD_CUSTOM_VALIDATION_EXCEPTION", "message": "PO number required for CN orders", "fields": ["PoNumber"]}]}]""")));

        DeliveryOutcome outcome = deliver("order-two-lines-cny").get(0);

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.reason()).isEqualTo("Order cn-east.fxiaoke.O-1001: FIELD_CUSTOM_VALIDATION_EXCEPTION: "
                + "PO number required for CN orders (fields: PoNumber)");
        salesforce.verify(0, patchRequestedFor(urlPathMatching(".*/OrderItem/.*")));
    }

    @Test
    void should_fail_an_order_whose_item_names_an_unknown_pricebook_entry() {
        salesforce.stubFor(patch(urlEqualTo("/services/data/v62.0/composite/sobjects/Order/Tributary_Id__c")).willReturn(okJson("""
                [{"id": "801xx000003DGb2AAG", "success": true, "errors": [], "created": true}]""")));
        salesforce.stubFor(patch(urlEqualTo("/services/data/v62.0/composite/sobjects/OrderItem/Tributary_Id__c")).willReturn(okJson("""
                [{"id": "802xx000003DGb2AAG", "success": true, "errors": [], "created": true},
                 {"success": false, "errors": [{"statusCode": "INVALID_CROSS_REFERENCE_KEY", "message": "invalid cross reference id", "fields": ["PricebookEntryId"]}]}]""")));

        DeliveryOutcome outcome = deliver("order-two-lines-cny").get(0);

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.code()).isEqualTo("INVALID_CROSS_REFERENCE_KEY");
        assertThat(outcome.reason()).isEqualTo("OrderItem cn-east.fxiaoke.O-1001#2: INVALID_CROSS_REFERENCE_KEY: "
                + "invalid cross reference id (fields: PricebookEntryId)");
    }

    @Test
    void should_fail_the_orders_of_a_delivery_whose_lookup_query_is_refused_and_deliver_the_rest() {
        answerAccounts(okJson("""
                [{"id": "001xx000003DGb2AAG", "success": true, "errors": [], "created": true}]"""));
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json").withBody("""
                        [{"message": "No such column 'Tributary_Id__c' on entity 'Order'.", "errorCode": "INVALID_FIELD"}]""")));

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "order-two-lines-cny");

        assertThat(outcomes.get(0).isDelivered()).isTrue();
        assertThat(outcomes.get(1).isPermanent()).isTrue();
        assertThat(outcomes.get(1).code()).isEqualTo("INVALID_FIELD");
        assertThat(outcomes.get(1).reason()).startsWith("Salesforce answered HTTP 400 to the Order query: INVALID_FIELD");
        salesforce.verify(0, patchRequestedFor(urlPathMatching(".*/(Order|OrderItem)/.*")));
    }

    @Test
    void should_report_a_lookup_query_without_answer_as_transient_and_send_no_order() {
        salesforce.stubFor(get(urlPathEqualTo(QUERY)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        DeliveryOutcome outcome = deliver("order-two-lines-cny").get(0);

        assertThat(outcome.isTransient()).isTrue();
        salesforce.verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    @ParameterizedTest(name = "token endpoint {0} {1} → {2}")
    @CsvSource({
            "400, invalid_client, TRANSIENT, AUTH_invalid_client",
            "400, invalid_grant, TRANSIENT, AUTH_invalid_grant",
            "401, invalid_client, TRANSIENT, AUTH_invalid_client",
            "400, , TRANSIENT, AUTH_HTTP_400",
            "503, , TRANSIENT, HTTP 503"})
    void should_classify_a_token_endpoint_error_for_every_event(int status, String error, Status expected, String code) {
        salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(error == null ? "" : """
                        {"error": "%s", "error_description": "the words of the token endpoint"}""".formatted(error))));

        List<DeliveryOutcome> outcomes = deliver("customer-minimal", "order-two-lines-cny");

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(outcome.status()).isEqualTo(expected);
            // a rotated or revoked secret: the events wait (the breaker opens) until the secret is fixed
            assertThat(outcome.code()).isEqualTo(code);
            assertThat(outcome.reason()).startsWith("the token endpoint answered HTTP " + status)
                    .doesNotContain(CLIENT_SECRET).doesNotContain("s3cr%2Bt");
        });
        salesforce.verify(0, patchRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void should_report_a_token_endpoint_without_answer_as_transient() {
        salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));

        DeliveryOutcome outcome = deliver("customer-minimal").get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.reason()).startsWith("token endpoint: ");
    }

    @Test
    void should_fail_an_event_that_cannot_be_mapped_and_deliver_the_others() {
        answerAccounts(okJson("""
                [{"id": "001xx000003DGb2AAG", "success": true, "errors": [], "created": true}]"""));
        TargetEvent unreadable = new TargetEvent("evt-x", TargetEvent.ORDERS, "cn-east.fxiaoke.O-9", "GC-1", "cn-east",
                "{\"type\": \"dev.tributary.order.v1\", \"data\": 42}".getBytes(StandardCharsets.UTF_8));

        List<DeliveryOutcome> outcomes = adapter(salesforce.baseUrl(), Map.of()).deliver(
                List.of(unreadable, SalesforceFixtures.event("customer-minimal")));

        assertThat(outcomes.get(0).isPermanent()).isTrue();
        assertThat(outcomes.get(0).code()).isEqualTo("UNMAPPABLE_EVENT");
        assertThat(outcomes.get(1).isDelivered()).isTrue();
    }

    @Test
    void should_fetch_the_token_once_for_a_delivery_when_the_token_endpoint_refuses() {
        salesforce.stubFor(post(urlEqualTo(TOKEN_PATH)).willReturn(aResponse().withStatus(400)
                .withBody("{\"error\": \"invalid_client\"}")));

        deliver("customer-minimal", "opportunity-proposal", "order-eur-discount");

        salesforce.verify(1, postRequestedFor(urlEqualTo(TOKEN_PATH)));
    }

    private void answerAccounts(ResponseDefinitionBuilder answer) {
        salesforce.stubFor(patch(urlEqualTo(ACCOUNTS)).willReturn(answer));
    }

    private List<DeliveryOutcome> deliver(String... names) {
        return adapter(salesforce.baseUrl(), Map.of()).deliver(events(names));
    }
}
