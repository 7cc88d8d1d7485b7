package dev.tributary.adapter.kingdee;

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
 * Demo mode's HQ ERP: a {@link SimulatedKingdee} on the ERP port (test credentials, which the demo
 * profile's {@code erp} target uses). Now and then a call fails with 网控冲突 (MsgCode 13, a bill
 * being edited by someone else), which the hub retries.
 */
@Component
@Profile("demo")
class KingdeeDemo implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(KingdeeDemo.class);

    private final SimulatedKingdee kingdee;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "kingdee-demo");
        t.setDaemon(true);
        return t;
    });

    KingdeeDemo(@Value("${tributary.demo.erp-port:18082}") int port,
            @Value("${tributary.demo.failure-interval:45s}") Duration failures) {
        kingdee = new SimulatedKingdee(port);
        timer.scheduleWithFixedDelay(() -> kingdee.failNext(1, 13, "网控冲突：单据正在被其他用户修改（演示）"),
                failures.toMillis() / 2, failures.toMillis(), TimeUnit.MILLISECONDS);
        log.info("demo: simulated 金蝶云星空 (HQ ERP) at {}", kingdee.baseUrl());
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        kingdee.close();
    }
}
