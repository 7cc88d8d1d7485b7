package dev.tributary.adapter.sap;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.patchRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.tributary.adapter.sap.SapTestSupport.event;
import static dev.tributary.adapter.sap.SapTestSupport.odataError;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.DeliveryOutcome.Status;
import dev.tributary.targets.TargetContext;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Proves each row of the README's error table: SAP's answer to a write → the outcome dispatch acts on. */
class SapErrorClassesTest {

    static final String BP = "/sap/opu/odata/sap/API_BUSINESS_PARTNER";
    static final String PARTNER = BP + "/A_BusinessPartner('17100002')";

    private WireMockServer sap;
    private TargetContext context;
    private SapAdapter adapter;

    @BeforeEach
    void start() {
        sap = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        sap.start();
        context = SapTestSupport.context("http://127.0.0.1:" + sap.port(), Map.of());
        adapter = SapTestSupport.adapter(context);
        sap.stubFor(get(urlEqualTo(BP + "/")).withHeader("x-csrf-token", equalTo("fetch"))
                .willReturn(okJson("{}").withHeader("x-csrf-token", "tok-1").withHeader("Set-Cookie", "SAP_SESSIONID_S4H_100=s1; path=/")));
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner"))
                .willReturn(okJson("{\"d\":{\"results\":[{\"BusinessPartner\":\"17100002\"}]}}")));
    }

    @AfterEach
    void stop() throws Exception {
        context.http().close();
        sap.stop();
    }

    static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("400 business error with field targets", json(400, odataError("V1/302",
                        "Material BRG-6204 is not defined for sales org.1710", "to_Item(10)/Material")),
                        Status.PERMANENT, "V1/302", "to_Item(10)/Material: V1/302 Material BRG-6204"),
                Arguments.of("400 entity not found (SADL)", json(400, odataError("CX_SADL_ENTITY_SRVICE_NOT_FOUND",
                        "Entity not found", "")), Status.PERMANENT, "CX_SADL_ENTITY_SRVICE_NOT_FOUND", "Entity not found"),
                Arguments.of("400 lock V1/042", json(400, odataError("V1/042",
                        "Sales document 4712 is currently being processed by user BATCH", "")), Status.TRANSIENT, "V1/042",
                        "currently being processed"),
                Arguments.of("400 lock text under another code", json(400, odataError("ZSD/001",
                        "Business partner 17100002 is being processed by user KEMPF", "")), Status.TRANSIENT, "ZSD/001",
                        "being processed by"),
                Arguments.of("401 logon failed", aResponse().withStatus(401).withBody("<html>Logon failed</html>"),
                        Status.TRANSIENT, ODataErrors.AUTH, "user and password"),
                Arguments.of("403 missing authorization", json(403, odataError("/IWBEP/CX_MGW_BUSI_EXCEPTION",
                        "No authorization to change business partners", "")), Status.PERMANENT,
                        "/IWBEP/CX_MGW_BUSI_EXCEPTION", "No authorization"),
                Arguments.of("404 service not found", json(404, odataError("/IWFND/MED/170",
                        "No service found for namespace '', name 'API_BUSINESS_PARTNER', version '0001'", "")),
                        Status.PERMANENT, "/IWFND/MED/170", "No service found"),
                Arguments.of("409 conflict", aResponse().withStatus(409).withBody("Conflict"),
                        Status.TRANSIENT, "HTTP 409", "Conflict"),
                Arguments.of("423 locked", aResponse().withStatus(423), Status.TRANSIENT, "HTTP 423", "HTTP 423"),
                Arguments.of("412 ETag mismatch", aResponse().withStatus(412).withBody("Precondition failed"),
                        Status.TRANSIENT, "HTTP 412", "Precondition failed"),
                Arguments.of("428 ETag required", json(428, odataError("SADL_ENTITY_RUNTIME/004",
                        "Precondition required for entity (If-Match missing)", "")), Status.PERMANENT,
                        "SADL_ENTITY_RUNTIME/004", "If-Match"),
                Arguments.of("429 rate limit", aResponse().withStatus(429).withHeader("Retry-After", "30"),
                        Status.TRANSIENT, "HTTP 429", "HTTP 429"),
                Arguments.of("500 short dump", json(500, odataError("/IWBEP/CX_MGW_TECH_EXCEPTION",
                        "Runtime Error 'TIME_OUT' has occurred", "")), Status.TRANSIENT, "/IWBEP/CX_MGW_TECH_EXCEPTION",
                        "TIME_OUT"),
                Arguments.of("502 HTML from a proxy", aResponse().withStatus(502).withBody("<html><h1>Bad Gateway</h1></html>"),
                        Status.TRANSIENT, "HTTP 502", "Bad Gateway"),
                Arguments.of("503 maintenance", aResponse().withStatus(503), Status.TRANSIENT, "HTTP 503", "HTTP 503"),
                Arguments.of("400 XML error body", aResponse().withStatus(400).withHeader("Content-Type", "application/xml")
                        .withBody("<?xml version=\"1.0\"?><error xmlns=\"http://schemas.microsoft.com/ado/2007/08/dataservices/metadata\">"
                                + "<code>R1/286</code><message xml:lang=\"en\">Check the tax number</message></error>"),
                        Status.PERMANENT, "R1/286", "Check the tax number"),
                Arguments.of("302 to a logon page", aResponse().withStatus(302).withHeader("Location", "/sap/bc/ui2/logon"),
                        Status.PERMANENT, "HTTP 302", "logon page"));
    }

    @ParameterizedTest(name = "{0} → {2}")
    @MethodSource("errors")
    void should_classify_each_sap_error(String name, ResponseDefinitionBuilder answer, Status status, String code,
            String inReason) {
        sap.stubFor(patch(urlEqualTo(PARTNER)).willReturn(answer));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.status()).as(outcome.describe()).isEqualTo(status);
        assertThat(outcome.code()).isEqualTo(code);
        assertThat(outcome.reason()).contains(inReason).doesNotContain(SapTestSupport.PASSWORD);
    }

    @Test
    void should_pass_on_retry_after_of_a_429() {
        sap.stubFor(patch(urlEqualTo(PARTNER)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "30")));

        assertThat(adapter.deliver(List.of(event("customer-english-tax-id"))).get(0).retryAfter())
                .isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void should_read_a_lookup_failure_like_a_write_failure() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(json(503, odataError("/IWBEP/CX_MGW_TECH_EXCEPTION", "SAP system is not available", ""))));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.httpStatus()).isEqualTo(503);
    }

    @Test
    void should_refuse_to_pick_one_of_two_partners_with_the_same_customer_id() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(
                okJson("{\"d\":{\"results\":[{\"BusinessPartner\":\"17100002\"},{\"BusinessPartner\":\"17100007\"}]}}")));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.isPermanent()).isTrue();
        assertThat(outcome.code()).isEqualTo("AMBIGUOUS");
        assertThat(outcome.reason()).contains("17100002, 17100007");
    }

    @Test
    void should_wait_when_a_lookup_is_answered_by_a_page_that_is_not_odata() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(
                aResponse().withStatus(200).withHeader("Content-Type", "text/html").withBody("<html>SAML2 logon</html>")));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.isTransient()).as(outcome.describe()).isTrue();
        assertThat(outcome.code()).isEqualTo(ODataSession.NOT_ODATA);
        assertThat(outcome.reason()).contains("SAML2 logon");
        sap.verify(0, postRequestedFor(urlPathEqualTo(BP + "/A_BusinessPartner")));
        sap.verify(0, patchRequestedFor(urlEqualTo(PARTNER)));
    }

    @Test
    void should_take_a_created_partner_as_delivered_when_the_answer_is_not_odata() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(okJson("{\"d\":{\"results\":[]}}")));
        sap.stubFor(post(urlPathEqualTo(BP + "/A_BusinessPartner")).willReturn(
                aResponse().withStatus(201).withHeader("Content-Type", "text/html").withBody("<html>Created</html>")));
        Logger logger = (Logger) LoggerFactory.getLogger(ODataSession.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

            assertThat(outcome.isDelivered()).as(outcome.describe()).isTrue();
            sap.verify(1, postRequestedFor(urlPathEqualTo(BP + "/A_BusinessPartner")));
            assertThat(logged.list).singleElement().satisfies(warning -> {
                assertThat(warning.getLevel()).isEqualTo(Level.WARN);
                assertThat(warning.getFormattedMessage()).contains("POST", "HTTP 201", "not OData", "taken as delivered")
                        .doesNotContain("Created</html>", "GC-", "Rhein");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    void should_take_an_update_as_delivered_when_the_answer_is_not_odata() {
        sap.stubFor(patch(urlEqualTo(PARTNER)).willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>OK</html>")));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.isDelivered()).as(outcome.describe()).isTrue();
        sap.verify(1, patchRequestedFor(urlEqualTo(PARTNER)));
    }

    @Test
    void should_let_events_wait_while_sap_refuses_the_password() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(
                aResponse().withStatus(401).withHeader("WWW-Authenticate", "Basic realm=\"SAP NetWeaver Application Server\"")));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("customer-english-tax-id"))).get(0);

        assertThat(outcome.isTransient()).as(outcome.describe()).isTrue();
        assertThat(outcome.code()).isEqualTo(ODataErrors.AUTH);
        assertThat(outcome.httpStatus()).isEqualTo(401);
        assertThat(outcome.reason()).contains("wrong or expired password, or a locked user").doesNotContain(SapTestSupport.PASSWORD);
        sap.verify(0, patchRequestedFor(urlEqualTo(PARTNER)));
    }

    @Test
    void should_wait_for_a_customer_not_yet_in_sap() {
        sap.stubFor(get(urlPathEqualTo(BP + "/A_BusinessPartner")).atPriority(1).willReturn(okJson("{\"d\":{\"results\":[]}}")));

        DeliveryOutcome outcome = adapter.deliver(List.of(event("order-two-lines-cny"))).get(0);

        assertThat(outcome.isTransient()).isTrue();
        assertThat(outcome.code()).isEqualTo(SapFlow.CUSTOMER_NOT_IN_SAP);
        assertThat(outcome.reason()).contains("GC-280111D1E047C895", "not yet in SAP");
    }

    @Test
    void should_refuse_a_customer_id_sap_cannot_hold() {
        DeliveryOutcome tooLong = adapter.deliver(List.of(SapCsrfTest.customer("GC-0123456789ABCDEF0123"))).get(0);

        assertThat(tooLong.isPermanent()).isTrue();
        assertThat(tooLong.code()).isEqualTo("CUSTOMER_ID_TOO_LONG");
        String noId = new String(event("order-two-lines-cny").body(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("\"globalcustomerid\": \"GC-280111D1E047C895\",", "");
        DeliveryOutcome missing = adapter.deliver(List.of(dev.tributary.targets.TargetEvent.of(
                noId.getBytes(java.nio.charset.StandardCharsets.UTF_8), SapTestSupport.JSON))).get(0);

        assertThat(missing.isPermanent()).isTrue();
        assertThat(missing.code()).isEqualTo("NO_CUSTOMER_ID");
        assertThat(sap.getAllServeEvents()).isEmpty();
    }

    @Test
    void should_read_no_answer_as_transient() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        TargetContext nowhere = SapTestSupport.context("http://127.0.0.1:" + closed, Map.of());
        try {
            DeliveryOutcome outcome = SapTestSupport.adapter(nowhere).deliver(List.of(event("customer-minimal"))).get(0);

            assertThat(outcome.isTransient()).isTrue();
            assertThat(outcome.reason()).startsWith("target unreachable");
        } finally {
            nowhere.http().close();
        }
    }
}
