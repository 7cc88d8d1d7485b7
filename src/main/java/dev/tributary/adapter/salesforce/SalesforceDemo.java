package dev.tributary.adapter.salesforce;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo mode's HQ CRM: a {@link SimulatedSalesforce} on the CRM port that the demo profile's
 * {@code crm} target uses. Now and then a call fails as Salesforce's do when it is busy
 * ({@code 503 SERVER_UNAVAILABLE}), so the hub's parking and retries show in the log and metrics.
 */
@Component
@Profile("demo")
class SalesforceDemo implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SalesforceDemo.class);

    private final SimulatedSalesforce salesforce;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "salesforce-demo");
        t.setDaemon(true);
        return t;
    });

    SalesforceDemo(@Value("${tributary.demo.crm-port:18081}") int port,
            @Value("${tributary.demo.failure-interval:45s}") Duration failures) {
        salesforce = new SimulatedSalesforce(port);
        timer.scheduleWithFixedDelay(() -> salesforce.failNextCalls(1, 503, "SERVER_UNAVAILABLE",
                "Salesforce is temporarily unavailable (demo)"), failures.toMillis(), failures.toMillis(), TimeUnit.MILLISECONDS);
        log.info("demo: simulated Salesforce (HQ CRM) at {}", salesforce.baseUrl());
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        salesforce.close();
    }
}
