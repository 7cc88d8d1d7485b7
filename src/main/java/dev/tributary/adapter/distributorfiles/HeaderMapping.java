package dev.tributary.adapter.distributorfiles;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which header names mean which field of a distributor file; the defaults understand the Chinese
 * headers distributors write (订单号, 经销商编码, 客户名称, 统一社会信用代码, 产品编码, 产品名称, 数量,
 * 单价, 币种, 下单日期) and English aliases, and a region's settings add names per field.
 */
public final class HeaderMapping {

    public static final String ORDER_NUMBER = "orderNumber";
    public static final String DISTRIBUTOR_ID = "distributorId";
    public static final String CUSTOMER_ID = "customerId";
    public static final String CUSTOMER_NAME = "customerName";
    public static final String USCC = "unifiedSocialCreditCode";
    public static final String SKU = "sku";
    public static final String DESCRIPTION = "description";
    public static final String QUANTITY = "quantity";
    public static final String UNIT_PRICE = "unitPrice";
    public static final String DISCOUNT = "discount";
    public static final String TAX_RATE = "taxRate";
    public static final String CURRENCY = "currency";
    public static final String ORDER_DATE = "orderDate";

    /** Columns a file must have; the customer needs one of {@link #CUSTOMER_COLUMNS} besides. */
    static final List<String> REQUIRED = List.of(ORDER_NUMBER, DISTRIBUTOR_ID, SKU, QUANTITY, UNIT_PRICE, CURRENCY,
            ORDER_DATE);
    static final List<String> CUSTOMER_COLUMNS = List.of(CUSTOMER_NAME, USCC, CUSTOMER_ID);

    private static final Pattern BLANKS = Pattern.compile("\\s+");
    private static final Map<String, List<String>> DEFAULTS = defaultNames();
    private static final HeaderMapping DEFAULT_MAPPING = new HeaderMapping(DEFAULTS);

    /** Field → the names that mean it, as configured (first name = the one used in messages). */
    private final Map<String, List<String>> names;
    /** Folded header name → field. */
    private final Map<String, String> fieldByName = new LinkedHashMap<>();

    private HeaderMapping(Map<String, List<String>> names) {
        this.names = names;
        names.forEach((field, list) -> list.forEach(name -> fieldByName.putIfAbsent(fold(name), field)));
    }

    /** The default names only. */
    public static HeaderMapping defaults() {
        return DEFAULT_MAPPING;
    }

    /**
     * The defaults with a region's names added: each given name means its field, in front of the
     * default names, and is taken away from any other field whose defaults used it.
     *
     * @param namesByField field name ({@link #fields()}) → header names; null or empty = defaults
     * @throws IllegalArgumentException for a key that is not a field, so a typo in the settings is found at start
     */
    public static HeaderMapping of(Map<String, List<String>> namesByField) {
        if (namesByField == null || namesByField.isEmpty()) {
            return DEFAULT_MAPPING;
        }
        Set<String> given = new LinkedHashSet<>();
        namesByField.forEach((field, list) -> {
            if (!DEFAULTS.containsKey(field)) {
                throw new IllegalArgumentException("'" + field + "' is not a field of a distributor file; known fields: "
                        + String.join(", ", DEFAULTS.keySet()));
            }
            if (list != null) {
                list.forEach(name -> given.add(fold(name)));
            }
        });
        Map<String, List<String>> merged = new LinkedHashMap<>();
        DEFAULTS.forEach((field, defaults) -> {
            List<String> list = new ArrayList<>();
            List<String> own = namesByField.get(field);
            if (own != null) {
                own.stream().filter(n -> n != null && !fold(n).isEmpty()).forEach(list::add);
            }
            defaults.stream().filter(n -> !given.contains(fold(n))).forEach(list::add);
            merged.put(field, List.copyOf(list));
        });
        return new HeaderMapping(Collections.unmodifiableMap(merged));
    }

    /** The fields a header can name, e.g. {@code orderNumber}, {@code quantity}. */
    public static Set<String> fields() {
        return DEFAULTS.keySet();
    }

    /** The field {@code header} names (compared trimmed, NFKC, case-folded), or null for a column the hub does not read. */
    public String field(String header) {
        return header == null ? null : fieldByName.get(fold(header));
    }

    /** The names that mean {@code field}, the preferred one first. */
    public List<String> names(String field) {
        return names.getOrDefault(field, List.of());
    }

    /** A header cell as it is compared: NFKC, without surrounding blanks or a BOM, in lower case. */
    static String fold(String header) {
        String text = Normalizer.normalize(header, Normalizer.Form.NFKC).replace("\uFEFF", "").strip();
        return BLANKS.matcher(text).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    private static Map<String, List<String>> defaultNames() {
        Map<String, List<String>> names = new LinkedHashMap<>();
        names.put(ORDER_NUMBER, List.of("订单号", "订单编号", "单号", "order number", "order no", "order no.", "orderNumber"));
        names.put(DISTRIBUTOR_ID, List.of("经销商编码", "经销商代码", "经销商编号", "distributor", "distributor id",
                "distributor code", "distributorId"));
        names.put(CUSTOMER_ID, List.of("客户编码", "客户代码", "客户编号", "customer id", "customer code", "customerId"));
        names.put(CUSTOMER_NAME, List.of("客户名称", "客户", "客户全称", "customer", "customer name", "customerName"));
        names.put(USCC, List.of("统一社会信用代码", "信用代码", "社会信用代码", "uscc", "credit code",
                "unified social credit code", "unifiedSocialCreditCode"));
        names.put(SKU, List.of("产品编码", "产品代码", "物料编码", "商品编码", "sku", "product code", "item code"));
        names.put(DESCRIPTION, List.of("产品名称", "商品名称", "品名", "物料名称", "product name", "product", "description"));
        names.put(QUANTITY, List.of("数量", "qty", "quantity"));
        names.put(UNIT_PRICE, List.of("单价", "unit price", "price", "unitPrice"));
        names.put(DISCOUNT, List.of("折扣金额", "discount", "discount amount"));
        names.put(TAX_RATE, List.of("税率", "tax rate", "taxRate", "vat rate"));
        names.put(CURRENCY, List.of("币种", "货币", "currency"));
        names.put(ORDER_DATE, List.of("下单日期", "订单日期", "日期", "order date", "date", "orderDate"));
        return Collections.unmodifiableMap(names);
    }
}
