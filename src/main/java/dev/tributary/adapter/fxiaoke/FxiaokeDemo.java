package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Demo mode's simulated 纷享销客: a {@link SimulatedFxiaoke} on the configured port whose data grows
 * slowly — every interval a new or changed account, an opportunity moving through the stages, and an
 * order with lines — so the region polling it (cn-south in the demo profile) visibly receives data.
 */
@Component
@Profile("demo")
class FxiaokeDemo implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(FxiaokeDemo.class);
    private static final List<String> COMPANIES = List.of("深圳市前海星辰科技有限公司", "广州珠江精工机械有限公司",
            "东莞松山湖智能制造有限公司", "佛山顺德家电配件有限公司", "珠海横琴海洋装备有限公司", "厦门鹭岛电子有限公司");
    private static final List<String> CITIES = List.of("深圳市", "广州市", "东莞市", "佛山市", "珠海市", "厦门市");
    private static final List<String> STAGES = List.of("验证客户", "需求确定", "方案/报价", "谈判审核", "赢单");

    private final SimulatedFxiaoke fxiaoke;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fxiaoke-demo");
        t.setDaemon(true);
        return t;
    });
    private final ObjectMapper json = FxiaokeMapping.objectMapper();
    private final AtomicInteger tick = new AtomicInteger();

    FxiaokeDemo(@Value("${tributary.demo.fxiaoke-port:18083}") int port,
            @Value("${tributary.demo.fxiaoke-interval:5s}") Duration interval) {
        fxiaoke = new SimulatedFxiaoke(port);
        for (int i = 0; i < COMPANIES.size(); i++) {
            fxiaoke.put(FxiaokeMapping.ACCOUNT, account(i, System.currentTimeMillis()));
        }
        timer.scheduleWithFixedDelay(this::grow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("demo: simulated 纷享销客 at {}", fxiaoke.baseUrl());
    }

    private void grow() {
        try {
            int n = tick.incrementAndGet();
            long now = System.currentTimeMillis();
            int company = n % COMPANIES.size();
            fxiaoke.put(FxiaokeMapping.ACCOUNT, account(company, now));
            ObjectNode opportunity = json.createObjectNode().put("_id", "demo-opp-" + (n % 8))
                    .put("name", "华南产线升级 " + (n % 8)).put("account_id", "demo-acc-" + company)
                    .put("account_id__r", COMPANIES.get(company)).put("amount", (100_000 + 25_000 * (n % 8)) + ".00")
                    .put("sales_stage", STAGES.get((n / 8) % STAGES.size())).put("probability", 20 * ((n / 8) % 5))
                    .put("close_date", LocalDate.now().plusDays(60).atStartOfDay(FxiaokeValues.DATE_ZONE).toInstant().toEpochMilli())
                    .put("last_modified_time", now);
            opportunity.putArray("owner").add("1000");
            fxiaoke.put(FxiaokeMapping.OPPORTUNITY, opportunity);
            order(n, company, now);
        } catch (RuntimeException e) {
            log.warn("demo: simulated 纷享销客 could not add data: {}", e.toString());
        }
    }

    private ObjectNode account(int i, long now) {
        String first17 = "9144030" + String.format("%010d", 7_000_000 + i * 131);
        ObjectNode a = json.createObjectNode().put("_id", "demo-acc-" + i).put("name", COMPANIES.get(i))
                .put("uniform_social_credit_code", first17 + UnifiedSocialCreditCode.checkCharacter(first17))
                .put("tel", "0755-8" + (600_0000 + i * 1111)).put("province", "广东省").put("city", CITIES.get(i))
                .put("account_level", i == 0 ? "战略客户" : i < 3 ? "重要客户" : "普通客户")
                .put("last_modified_time", now).put("version", tick.get() + 1);
        a.putArray("owner").add("1000");
        return a;
    }

    private void order(int n, int company, long now) {
        String id = "demo-so-" + n;
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        ArrayNode lines = json.createArrayNode();
        for (int l = 1; l <= 1 + n % 3; l++) {
            BigDecimal qty = BigDecimal.valueOf(l + n % 4);
            BigDecimal price = new BigDecimal("880.00").add(BigDecimal.valueOf(120L * l));
            BigDecimal subtotal = qty.multiply(price).setScale(2, RoundingMode.HALF_UP);
            net = net.add(subtotal);
            tax = tax.add(subtotal.multiply(new BigDecimal("0.13")).setScale(2, RoundingMode.HALF_UP));
            ObjectNode line = json.createObjectNode().put("_id", id + "-" + l).put("order_id", id)
                    .put("product_id", "SKU-" + (1000 + l)).put("product_id__r", "伺服电机 " + l + " 型")
                    .put("quantity", qty.toPlainString()).put("sales_price", price.toPlainString())
                    .put("subtotal", subtotal.toPlainString()).put("tax_rate", "13");
            fxiaoke.put(FxiaokeMapping.ORDER_LINE, line);
            lines.add(line);
        }
        ObjectNode order = json.createObjectNode().put("_id", id).put("name", "SO" + LocalDate.now().toString().replace("-", "")
                + "-" + String.format("%04d", n)).put("account_id", "demo-acc-" + company)
                .put("account_id__r", COMPANIES.get(company))
                .put("order_time", LocalDate.now().atStartOfDay(FxiaokeValues.DATE_ZONE).toInstant().toEpochMilli())
                .put("product_amount", net.toPlainString()).put("order_amount", net.add(tax).toPlainString())
                .put("life_status", "normal").put("last_modified_time", now).put("version", 1);
        fxiaoke.put(FxiaokeMapping.ORDER, order);
    }

    @Override
    public void destroy() {
        timer.shutdownNow();
        fxiaoke.close();
    }
}
