package dev.tributary.demo;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Simulated HQ CRM and ERP on 127.0.0.1: both upsert by external id; the ERP refuses orders over
 * its credit limit with 422 (a permanent error, so those land in {@code erp.outbound.DLQ}).
 */
@Component
@Profile("demo")
class DemoSimulators implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(DemoSimulators.class);

    private final WireMockServer crm;
    private final WireMockServer erp;

    DemoSimulators(@Value("${tributary.demo.crm-port:18081}") int crmPort,
            @Value("${tributary.demo.erp-port:18082}") int erpPort) {
        crm = start(crmPort);
        crm.stubFor(put(urlPathMatching("/crm/(customers|orders|opportunities)/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":\"upserted\"}")));
        erp = start(erpPort);
        erp.stubFor(put(urlPathMatching("/erp/(customers|orders|opportunities)/.+"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"result\":\"saved\"}")));
        erp.stubFor(put(urlPathMatching("/erp/orders/.+"))
                .atPriority(1)
                .withRequestBody(matchingJsonPath("$.data[?(@.grossTotal > 500000)]"))
                .willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":\"order exceeds the customer's credit limit of 500000\"}")));
        log.info("demo simulators: HQ CRM at http://127.0.0.1:{}/crm, HQ ERP at http://127.0.0.1:{}/erp",
                crmPort, erpPort);
    }

    private static WireMockServer start(int port) {
        WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").port(port)
                .containerThreads(20).jettyAcceptors(1).disableRequestJournal());
        server.start();
        return server;
    }

    @Override
    public void destroy() {
        crm.stop();
        erp.stop();
    }
}
