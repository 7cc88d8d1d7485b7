package dev.tributary.it;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub shared by the H2 integration tests: embedded Artemis, H2 in file mode under target/,
 * and WireMock standing in for the HQ CRM and ERP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class H2HubIT extends HubITSupport {

    static final WireMockServer CRM = startTarget();
    static final WireMockServer ERP = startTarget();
    private static final String DATA_DIR = "./target/it-data/" + UUID.randomUUID() + "/h2";

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        registry.add("tributary.broker.data-dir", () -> DATA_DIR);
        registry.add("tributary.delivery.redelivery-delay", () -> "100ms");
        registry.add("tributary.delivery.max-redelivery-delay", () -> "1s");
        registry.add("tributary.targets.crm.base-url", () -> CRM.baseUrl() + "/crm");
        registry.add("tributary.targets.erp.base-url", () -> ERP.baseUrl() + "/erp");
        registry.add("tributary.delivery.route-retry-delay", () -> "20ms");
        registry.add("tributary.targets.crm.response-timeout", () -> "2s");
        registry.add("tributary.targets.erp.response-timeout", () -> "2s");
    }

    @Override
    WireMockServer crm() {
        return CRM;
    }

    @Override
    WireMockServer erp() {
        return ERP;
    }

    @BeforeEach
    void resetTargets() {
        healthyTargets();
    }
}
