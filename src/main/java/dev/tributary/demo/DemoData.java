package dev.tributary.demo;

import dev.tributary.validation.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Builds realistic ingest items (as JSON-ready maps) for the demo regions. */
final class DemoData {

    /** A regional customer; {@code uscc} is null outside China. */
    record Company(String region, String system, String sourceId, String legalName, String uscc, String taxId,
            String country, String province, String city, String address, String contact, String phone,
            String email, String currency, BigDecimal taxRate) {
    }

    static final List<Company> COMPANIES = List.of(
            cn("cn-east", "C-1001", "上海华东精密机械有限公司", "91310000", "上海", "上海", "浦东新区张江路 88 号", "王伟", "+8613800138001"),
            cn("cn-east", "C-1002", "杭州西湖软件股份有限公司", "91330100", "浙江", "杭州", "西湖区文三路 199 号", "李娜", "+8613900139002"),
            cn("cn-east", "C-1003", "Suzhou Lakeside Medical Devices Co., Ltd.", "91320500", "江苏", "苏州", "工业园区星湖街 328 号", "Zhang Min", "+8613700137003"),
            cn("cn-south", "S-2001", "深圳南方电子科技有限公司", "91440300", "广东", "深圳", "南山区科技园南区 6 栋", "陈静", "+8613600136004"),
            cn("cn-south", "S-2002", "广州珠江物流（集团）有限公司", "91440100", "广东", "广州", "天河区珠江新城 12 号", "刘洋", "+8613500135005"),
            cn("cn-south", "S-2003", "Xiamen Harbour Foods Co., Ltd.", "91350200", "福建", "厦门", "思明区鹭江道 2 号", "Huang Lei", "+8613300133006"),
            eu("eu-west", "E-3001", "Van der Berg Logistics B.V.", "NL854321987B01", "NL", "Noord-Holland", "Amsterdam", "Keizersgracht 120", "Sanne de Vries", "+31201234567"),
            eu("eu-west", "E-3002", "Müller Industrietechnik GmbH", "DE298765431", "DE", "Bayern", "München", "Leopoldstraße 45", "Jonas Müller", "+4989123456"),
            eu("eu-west", "E-3003", "Atelier Lumière SAS", "FR40123456789", "FR", "Île-de-France", "Paris", "12 rue de Rivoli", "Camille Martin", "+33142123456"),
            // the same company as C-1001, as two other regions know it: the identity stage makes them one account
            withoutCode(cn("cn-south", "S-2004", "上海華東精密機械股份有限公司", "91310000", "上海", "上海市", "浦東新區張江路88號", "王偉", "021-5888 0001"),
                    "+8613800138001"),
            withoutCode(eu("eu-west", "E-3004", "Shanghai Huadong Precision Machinery Co., Ltd.", null, "CN", "Shanghai", "Shanghai", "88 Zhangjiang Road, Pudong", "Wang Wei", "+8613800138001"),
                    null));

    /** A company as a tool that does not record its code writes it (optionally with another phone). */
    private static Company withoutCode(Company c, String phone) {
        return new Company(c.region(), c.system(), c.sourceId(), c.legalName(), null, null, c.country(), c.province(),
                c.city(), c.address(), c.contact(), phone == null ? c.phone() : phone, c.email(), c.currency(), c.taxRate());
    }

    private static final String[][] PRODUCTS = {
            {"PUMP-200", "Centrifugal pump 200 L/min", "1850.00"},
            {"VALVE-50", "Ball valve DN50 stainless", "236.50"},
            {"SENSOR-T1", "Temperature sensor PT100", "89.90"},
            {"CTRL-PLC8", "PLC controller 8 I/O", "4200.00"},
            {"SVC-INST", "Installation service (day)", "960.00"}};
    private static final String[][] STAGES = {
            {"PROSPECTING", "Lead"}, {"QUALIFICATION", "需求确认"}, {"PROPOSAL", "方案报价"},
            {"NEGOTIATION", "商务谈判"}, {"CLOSED_WON", "赢单"}};

    private DemoData() {
    }

    static Map<String, Object> customer(Company c, long version) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("legalName", c.legalName());
        if (c.uscc() != null) {
            data.put("unifiedSocialCreditCode", c.uscc());
        } else if (c.taxId() != null) {
            data.put("taxId", c.taxId());
        }
        data.put("country", c.country());
        data.put("province", c.province());
        data.put("city", c.city());
        data.put("address", c.address());
        data.put("tier", version % 7 == 0 ? "STRATEGIC" : "STANDARD");
        data.put("contacts", List.of(Map.of("name", c.contact(), "phone", c.phone(), "email", c.email())));
        data.put("sourceRefs", List.of(Map.of("system", c.system(), "sourceId", c.sourceId())));
        data.put("version", version);
        data.put("updatedAt", Instant.now().toString());
        return item("customer", data);
    }

    static Map<String, Object> order(Company c, long sequence, RandomGenerator random) {
        List<Map<String, Object>> lines = new ArrayList<>();
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        int count = 1 + random.nextInt(3);
        for (int i = 1; i <= count; i++) {
            boolean bigDeal = i == 1 && sequence % 25 == 0; // over the ERP simulator's credit limit
            String[] product = bigDeal ? PRODUCTS[3] : PRODUCTS[random.nextInt(PRODUCTS.length)];
            BigDecimal quantity = BigDecimal.valueOf(bigDeal ? 150 : 1 + random.nextInt(20));
            BigDecimal unitPrice = new BigDecimal(product[2]);
            BigDecimal lineTotal = quantity.multiply(unitPrice).setScale(2, RoundingMode.HALF_UP);
            lines.add(Map.of("lineNo", i, "sku", product[0], "description", product[1], "quantity", quantity,
                    "unitPrice", unitPrice, "discount", BigDecimal.ZERO, "lineTotal", lineTotal,
                    "taxRate", c.taxRate()));
            net = net.add(lineTotal);
            tax = tax.add(lineTotal.multiply(c.taxRate()).setScale(2, RoundingMode.HALF_UP));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceRef", Map.of("system", c.system(), "sourceId", "SO-" + c.sourceId() + "-" + sequence));
        data.put("orderNumber", "SO" + LocalDate.now(ZoneOffset.UTC).getYear() + "-" + sequence);
        data.put("customerRef", customerRef(c));
        data.put("orderDate", LocalDate.now(ZoneOffset.UTC).toString());
        data.put("currency", c.currency());
        data.put("lines", lines);
        data.put("netTotal", net);
        data.put("taxTotal", tax);
        data.put("grossTotal", net.add(tax));
        data.put("status", sequence % 3 == 0 ? "CONFIRMED" : "SUBMITTED");
        data.put("channel", "DIRECT");
        data.put("sourceUpdatedAt", Instant.now().toString());
        data.put("sourceVersion", 1);
        return item("order", data);
    }

    static Map<String, Object> opportunity(Company c, long sequence, RandomGenerator random) {
        String[] stage = STAGES[random.nextInt(STAGES.length)];
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("sourceRef", Map.of("system", c.system(), "sourceId", "OPP-" + c.sourceId() + "-" + sequence));
        data.put("customerRef", customerRef(c));
        data.put("name", "Expansion " + LocalDate.now(ZoneOffset.UTC).getYear() + " / 扩产项目 " + sequence);
        data.put("stage", stage[0]);
        data.put("sourceStage", stage[1]);
        data.put("amount", BigDecimal.valueOf(10_000 + random.nextInt(900_000)));
        data.put("currency", c.currency());
        data.put("probability", 10 + random.nextInt(80));
        data.put("expectedCloseDate", LocalDate.now(ZoneOffset.UTC).plusDays(30 + random.nextInt(120)).toString());
        data.put("owner", c.contact());
        data.put("sourceUpdatedAt", Instant.now().toString());
        return item("opportunity", data);
    }

    /** A copy of an order item broken on purpose, as regional tools sometimes send. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> broken(Map<String, Object> order, long sequence) {
        Map<String, Object> item = new LinkedHashMap<>(order);
        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) order.get("data"));
        item.put("data", data);
        switch ((int) (sequence % 4)) {
            case 0 -> data.put("customerRef", Map.of("sourceId", "X", "unifiedSocialCreditCode", "91350100M000100Y4Z"));
            case 1 -> data.put("netTotal", new BigDecimal("-120.00"));
            case 2 -> data.remove("currency");
            default -> data.put("orderDate", "31/12/2026");
        }
        return item;
    }

    private static Map<String, Object> customerRef(Company c) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("sourceId", c.sourceId());
        if (c.uscc() != null) {
            ref.put("unifiedSocialCreditCode", c.uscc());
        } else if (c.taxId() != null) {
            ref.put("taxId", c.taxId());
        }
        ref.put("legalName", c.legalName());
        return ref;
    }

    private static Map<String, Object> item(String type, Map<String, Object> data) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("type", type);
        item.put("data", data);
        return item;
    }

    private static Company cn(String region, String id, String name, String prefix, String province, String city,
            String address, String contact, String phone) {
        String body = prefix + "MA" + String.format("%07d", Math.abs(name.hashCode()) % 10_000_000);
        String uscc = body + UnifiedSocialCreditCode.checkCharacter(body);
        return new Company(region, region.equals("cn-east") ? "fxiaoke" : "hubspot", id, name, uscc, null, "CN",
                province, city, address, contact, phone, "sales@" + id.toLowerCase() + ".example.cn", "CNY",
                new BigDecimal("0.13"));
    }

    private static Company eu(String region, String id, String name, String taxId, String country, String province,
            String city, String address, String contact, String phone) {
        return new Company(region, "salesforce", id, name, null, taxId, country, province, city, address, contact,
                phone, "orders@" + id.toLowerCase() + ".example.eu", "EUR",
                country.equals("DE") ? new BigDecimal("0.19") : country.equals("FR") ? new BigDecimal("0.20")
                        : new BigDecimal("0.21"));
    }
}
