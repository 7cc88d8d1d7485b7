package dev.tributary.validation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.canonical.SalesChannel;
import dev.tributary.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Proves the business rules of canonical records: each problem is reported with its exact field path. */
class CanonicalValidatorTest {

    private static final String USCC = "91350100M000100Y43";
    private static final Instant UPDATED = Instant.parse("2025-03-01T08:30:00Z");
    private static final SourceRef SOURCE = new SourceRef("cn-east", "fxiaoke", "O-1001", null);
    private static final CustomerRef CUSTOMER = new CustomerRef("C-1001", USCC, null, "福州闽江电子有限公司");

    private final CanonicalValidator validator = new CanonicalValidator();

    // ---- valid records ----

    @Test
    void should_accept_a_valid_order() {
        assertThat(validator.validate(validOrder())).isEmpty();
    }

    @Test
    void should_accept_a_valid_opportunity() {
        assertThat(validator.validate(opportunity(new BigDecimal("500000.00"), "CNY", 60))).isEmpty();
    }

    @Test
    void should_accept_a_valid_customer() {
        assertThat(validator.validate(customer(USCC, "CN", validContacts()))).isEmpty();
    }

    @Test
    void should_accept_totals_within_a_cent_of_rounding() {
        // 3 × 33.333 = 99.999, stated 100.00; tax 13 % of 100.00 = 13.00
        Order order = order(CUSTOMER, "CNY", List.of(line("3", "33.333", null, "100.00", "0.13")),
                "100.00", "13.00", "113.00", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).isEmpty();
    }

    // ---- amounts ----

    @Test
    void should_reject_negative_opportunity_amount() {
        assertThat(validator.validate(opportunity(new BigDecimal("-5"), "CNY", 50)))
                .containsExactly(new FieldError("amount", "must not be negative, is -5"));
    }

    @Test
    void should_reject_negative_line_discount_even_when_the_totals_add_up() {
        Order order = order(CUSTOMER, "CNY", List.of(line("1", "100", "-10", "110", "0")),
                "110", "0", "110", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("lines[0].discount", "must not be negative, is -10"));
    }

    @Test
    void should_reject_negative_quantity_on_the_line_it_is_on() {
        Order order = order(CUSTOMER, "CNY",
                List.of(line("2", "100.00", null, "200.00", "0.13"), line("-1", "10", null, "-10", null)),
                "190.00", "26.00", "216.00", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).containsExactlyInAnyOrder(
                new FieldError("lines[1].quantity", "must not be negative, is -1"),
                new FieldError("lines[1].lineTotal", "must not be negative, is -10"));
    }

    @Test
    void should_reject_line_total_that_does_not_add_up() {
        Order order = order(CUSTOMER, "CNY", List.of(
                        line("2", "100.00", null, "200.00", "0.13"),
                        line("3", "50.00", "10.00", "150.00", "0.13")),
                "350.00", "45.50", "395.50", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).containsExactly(new FieldError("lines[1].lineTotal",
                "is 150.00 but quantity × unitPrice − discount is 140.00"));
    }

    @Test
    void should_reject_net_total_that_is_not_the_sum_of_the_lines() {
        Order order = order(CUSTOMER, "CNY", lines(), "224.00", "27.82", "251.82", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("netTotal", "is 224.00 but the line totals add up to 214.00"));
    }

    @Test
    void should_reject_tax_total_that_is_not_the_lines_tax() {
        Order order = order(CUSTOMER, "CNY", lines(), "214.00", "30.00", "244.00", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("taxTotal", "is 30.00 but the lines' tax comes to 27.82"));
    }

    @Test
    void should_reject_gross_total_that_is_not_net_plus_tax() {
        Order order = order(CUSTOMER, "CNY", lines(), "214.00", "27.82", "214.00", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("grossTotal", "is 214.00 but netTotal + taxTotal is 241.82"));
    }

    @Test
    void should_reject_order_without_lines() {
        Order order = order(CUSTOMER, "CNY", List.of(), "0", "0", "0", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("lines", "an order needs at least one line"));
    }

    // ---- codes ----

    @Test
    void should_reject_unknown_currency() {
        Order order = order(CUSTOMER, "XXY", lines(), "214.00", "27.82", "241.82", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).containsExactly(
                new FieldError("currency", "'XXY' is not an ISO 4217 currency code such as CNY"));
    }

    @Test
    void should_require_currency_on_opportunity() {
        assertThat(validator.validate(opportunity(new BigDecimal("1"), null, 10)))
                .containsExactly(new FieldError("currency", "is required"));
    }

    @Test
    void should_reject_country_that_is_not_iso_alpha_2() {
        assertThat(validator.validate(customer(USCC, "CHN", validContacts()))).containsExactly(
                new FieldError("country", "'CHN' is not an ISO 3166-1 alpha-2 country code such as CN"));
    }

    @Test
    void should_reject_customer_with_wrong_check_character() {
        assertThat(validator.validate(customer("91350100M000100Y44", "CN", validContacts())))
                .containsExactly(new FieldError("unifiedSocialCreditCode", "'91350100M000100Y44' is not a valid "
                        + "统一社会信用代码: check character is '4' but should be '3': the code is mistyped"));
    }

    @Test
    void should_reject_customer_with_letter_outside_the_code_alphabet() {
        assertThat(validator.validate(customer("91350100M000100Y4Z", "CN", validContacts())))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("unifiedSocialCreditCode");
                    assertThat(e.message()).contains("'91350100M000100Y4Z'").contains("check character is 'Z' but should be '3'");
                });
    }

    // ---- references ----

    @Test
    void should_require_distributor_id_for_distributor_channel() {
        Order order = order(CUSTOMER, "CNY", lines(), "214.00", "27.82", "241.82", SalesChannel.DISTRIBUTOR, " ");

        assertThat(validator.validate(order))
                .containsExactly(new FieldError("distributorId", "is required when channel is DISTRIBUTOR"));
    }

    @Test
    void should_accept_distributor_channel_with_distributor_id() {
        Order order = order(CUSTOMER, "CNY", lines(), "214.00", "27.82", "241.82", SalesChannel.DISTRIBUTOR, "D-77");

        assertThat(validator.validate(order)).isEmpty();
    }

    @Test
    void should_reject_customer_ref_without_any_id() {
        CustomerRef nameOnly = new CustomerRef(null, null, " ", "福州闽江电子有限公司");
        Order order = order(nameOnly, "CNY", lines(), "214.00", "27.82", "241.82", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).containsExactly(new FieldError("customerRef",
                "needs the customer's sourceId, unifiedSocialCreditCode or taxId"));
    }

    @Test
    void should_accept_customer_ref_with_only_a_tax_id() {
        CustomerRef taxOnly = new CustomerRef(null, null, "DE298765431", null);
        Order order = order(taxOnly, "EUR", lines(), "214.00", "27.82", "241.82", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).isEmpty();
    }

    @Test
    void should_reject_bad_uscc_in_customer_ref() {
        CustomerRef ref = new CustomerRef("C-1001", "91350100M000100Y44", null, null);
        Order order = order(ref, "CNY", lines(), "214.00", "27.82", "241.82", SalesChannel.DIRECT, null);

        assertThat(validator.validate(order)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("customerRef.unifiedSocialCreditCode");
            assertThat(e.message()).startsWith("'91350100M000100Y44' is not a valid 统一社会信用代码")
                    .contains("should be '3'");
        });
    }

    @Test
    void should_require_source_ref_parts() {
        Order order = new Order(new SourceRef(null, "", "O-1", null), "SO-1", CUSTOMER, LocalDate.of(2025, 3, 1),
                "CNY", lines(), money("214.00"), money("27.82"), money("241.82"), OrderStatus.CONFIRMED,
                SalesChannel.DIRECT, null, UPDATED, 1L);

        assertThat(validator.validate(order)).containsExactly(
                new FieldError("sourceRef.region", "is required"),
                new FieldError("sourceRef.system", "is required"));
    }

    // ---- contacts ----

    @Test
    void should_not_reject_a_customer_for_a_contact_phone_or_email() {
        // ingest normalises them and warns about what it cannot read (CanonicalNormaliser)
        List<Contact> contacts = List.of(new Contact("王伟", "采购经理", "call me", "wang.wei-at-example.cn"));

        assertThat(validator.validate(customer(USCC, "CN", contacts))).isEmpty();
    }

    // ---- opportunity ----

    @Test
    void should_reject_probability_above_100() {
        assertThat(validator.validate(opportunity(new BigDecimal("10"), "CNY", 120)))
                .containsExactly(new FieldError("probability", "must be between 0 and 100, is 120"));
    }

    @Test
    void should_reject_negative_probability() {
        assertThat(validator.validate(opportunity(new BigDecimal("10"), "CNY", -1)))
                .containsExactly(new FieldError("probability", "must be between 0 and 100, is -1"));
    }

    @Test
    void should_accept_probability_at_the_bounds() {
        assertThat(validator.validate(opportunity(new BigDecimal("10"), "CNY", 0))).isEmpty();
        assertThat(validator.validate(opportunity(new BigDecimal("10"), "CNY", 100))).isEmpty();
    }

    // ---- several at once ----

    @Test
    void should_report_every_problem_of_an_order_together() {
        CustomerRef ref = new CustomerRef("C-1001", "91350100M000100Y4Z", null, null);
        Order order = order(ref, "XXY", List.of(line("2", "100.00", null, "190.00", "0.13")),
                "-1", "24.70", "500.00", SalesChannel.DISTRIBUTOR, null);

        assertThat(validator.validate(order)).extracting(FieldError::field).containsExactlyInAnyOrder(
                "customerRef.unifiedSocialCreditCode",
                "currency",
                "lines[0].lineTotal",
                "netTotal",
                "netTotal",
                "grossTotal",
                "distributorId");
    }

    @Test
    void should_report_every_problem_of_a_customer_together() {
        Customer customer = new Customer(null, " ", null, "91350100M000100Y4Z", null, "CHN", null, null, null,
                null, null, CustomerTier.KEY,
                List.of(new Contact("王伟", null, "+86 138 0013 8000", "wang.wei-at-example.cn")),
                "cn-east", List.of(), null, UPDATED);

        assertThat(validator.validate(customer)).extracting(FieldError::field).containsExactly(
                "legalName", "unifiedSocialCreditCode", "country", "sourceRefs");
    }

    // ---- fixtures ----

    private static Order validOrder() {
        return order(CUSTOMER, "CNY", lines(), "214.00", "27.82", "241.82", SalesChannel.DIRECT, null);
    }

    /** Two lines: 2 × 100.00 = 200.00 and 1.5 × 10 − 1 = 14.00, both taxed 13 %: net 214.00, tax 27.82. */
    private static List<OrderLine> lines() {
        return List.of(line("2", "100.00", "0", "200.00", "0.13"), line("1.5", "10", "1", "14.00", "0.13"));
    }

    private static OrderLine line(String quantity, String unitPrice, String discount, String lineTotal,
            String taxRate) {
        return new OrderLine(1, "SKU-1", "精密轴承", money(quantity), money(unitPrice), money(discount),
                money(lineTotal), money(taxRate));
    }

    private static Order order(CustomerRef ref, String currency, List<OrderLine> lines, String net, String tax,
            String gross, SalesChannel channel, String distributorId) {
        return new Order(SOURCE, "SO-2025-0001", ref, LocalDate.of(2025, 3, 1), currency, lines, money(net),
                money(tax), money(gross), OrderStatus.CONFIRMED, channel, distributorId, UPDATED, 7L);
    }

    private static Opportunity opportunity(BigDecimal amount, String currency, Integer probability) {
        return new Opportunity(SOURCE, CUSTOMER, "二期产线改造", OpportunityStage.PROPOSAL, "方案报价", amount,
                currency, probability, LocalDate.of(2025, 6, 30), "王伟", UPDATED);
    }

    private static Customer customer(String uscc, String country, List<Contact> contacts) {
        return new Customer(null, "福州闽江电子有限公司", null, uscc, null, country, "福建", "福州", "鼓楼区五四路 1 号",
                "Electronics", "Industrial", CustomerTier.KEY, contacts, "cn-east",
                List.of(new SourceRef("cn-east", "fxiaoke", "C-1001", UPDATED)), 3L, UPDATED);
    }

    private static List<Contact> validContacts() {
        return List.of(new Contact("王伟", "采购经理", "+8613800138000", "wang.wei@example.cn"));
    }

    private static BigDecimal money(String value) {
        return value == null ? null : new BigDecimal(value);
    }
}
