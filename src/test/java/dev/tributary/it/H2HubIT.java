package dev.tributary.it;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * One hub shared by the H2 integration tests: embedded Artemis, H2 in file mode under target/,
 * and WireMock standing in for the HQ CRM and ERP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class H2HubIT extends HubITSupport {

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "h2");
        registry.add("tributary.targets.crm.response-timeout", () -> "2s");
        registry.add("tributary.targets.erp.response-timeout", () -> "2s");
    }
}
