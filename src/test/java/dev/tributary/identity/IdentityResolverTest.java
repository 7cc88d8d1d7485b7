package dev.tributary.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.canonical.SourceRef;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Proves the identity stage's rules on a real database: codes decide, evidence scores, merges keep lineage. */
class IdentityResolverTest {

    private IdentityDatabase db;
    private IdentityResolver resolver;
    private int events;

    @BeforeEach
    void database() {
        db = new IdentityDatabase("resolver");
        resolver = db.resolver();
    }

    @Test
    void should_join_a_traditional_spelling_without_code_to_the_coded_company_of_the_same_city() {
        String a = resolve(customer("cn-east", "fxiaoke", "A1", "上海华腾电子有限公司", uscc("91310000MA1FL0001"), "上海",
                "+862158881234", "li@huateng.com.cn"));
        String b = resolve(customer("hk", "hubspot", "B1", "華騰電子（上海）股份有限公司", null, "上海市",
                "+862158881234", null));

        assertThat(b).isEqualTo(a);
    }

    @Test
    void should_keep_two_valid_codes_apart_even_with_the_same_name() {
        String a = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", uscc("91310000MA1FL0001"), "上海",
                "+862158881234", null));
        String b = resolve(customer("cn-south", "fxiaoke", "B1", "华腾电子有限公司", uscc("91440300MA1FL0002"), "上海",
                "+862158881234", null));

        assertThat(b).isNotEqualTo(a);
    }

    @Test
    void should_keep_the_same_brand_in_another_city_and_a_branch_apart() {
        String shanghai = resolve(customer("cn-east", "fxiaoke", "A1", "上海华腾电子有限公司", null, "上海", "+862158881234",
                "li@huateng.com"));
        String beijing = resolve(customer("cn-north", "salesforce", "B1", "北京华腾电子有限公司", null, "北京", "+861062001234",
                null));
        String branch = resolve(customer("cn-east", "fxiaoke", "A2", "华腾电子有限公司苏州分公司", null, "苏州", null,
                "wang@huateng.com"));

        assertThat(beijing).isNotEqualTo(shanghai);
        assertThat(branch).isNotEqualTo(shanghai);
    }

    @Test
    void should_link_an_english_name_through_a_shared_phone_and_domain_but_not_a_free_mail_domain() {
        String chinese = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", null, "上海", "+862158881234",
                "li@huateng.com"));
        String english = resolve(customer("eu-west", "hubspot", "E1", "Huateng Electronics Co., Ltd.", null, "Shanghai",
                "+862158881234", "sales@huateng.com"));
        String freeMail = resolve(customer("us-west", "salesforce", "U1", "Huateng Trading Inc.", null, null,
                null, "boss@qq.com"));

        assertThat(english).isEqualTo(chinese);
        assertThat(freeMail).isNotEqualTo(chinese);
    }

    @Test
    void should_queue_a_pair_with_some_evidence_for_the_steward_and_merge_it_when_approved() {
        String a = resolve(customer("cn-east", "fxiaoke", "A1", "华腾精密电子有限公司", null, "上海", null, null));
        String b = resolve(customer("cn-south", "fxiaoke", "B1", "华滕精密电子有限公司", null, "上海", null, null));

        assertThat(b).isNotEqualTo(a);
        IdentityStore.PairRow pair = db.store.pairs("PENDING", 0, 10).get(0);
        List<IdentityResolver.Outgoing> events = resolver.apply(
                new IdentityResolver.Command("approve", null, null, pair.id(), "steward"), "cmd-1");

        assertThat(resolver.active(b)).isEqualTo(resolver.active(a));
        assertThat(events).extracting(IdentityResolver.Outgoing::kind).contains(IdentityResolver.Outgoing.Kind.MERGE);
        assertThat(resolver.apply(new IdentityResolver.Command("approve", null, null, pair.id(), "steward"), "cmd-1"))
                .as("a redelivered command sends its events again and changes nothing")
                .extracting(IdentityResolver.Outgoing::kind).contains(IdentityResolver.Outgoing.Kind.MERGE);
    }

    @Test
    void should_unmerge_and_never_merge_the_two_again() {
        String code = uscc("91310000MA1FL0001");
        String a = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", code, "上海", "+862158881234", null));
        String b = resolve(customer("cn-south", "fxiaoke", "B1", "华腾电子股份有限公司", null, "上海", "+862158881234", null));
        assertThat(b).isEqualTo(a);
        String c = resolve(customer("cn-north", "salesforce", "C1", "华腾电器有限公司", null, null, null, null));
        resolver.apply(new IdentityResolver.Command("merge", a, c, null, "operator"), "cmd-merge");
        assertThat(resolver.active(c)).isEqualTo(a);

        resolver.apply(new IdentityResolver.Command("unmerge", a, c, null, "operator"), "cmd-unmerge");
        assertThat(resolver.active(c)).isEqualTo(c);
        String again = resolve(customer("cn-north", "salesforce", "C1", "华腾电器有限公司", null, "上海", "+862158881234",
                null));

        assertThat(again).as("a new version of the restored source stays apart").isEqualTo(c);
    }

    @Test
    void should_keep_the_newer_value_when_an_older_version_arrives_late() {
        Customer newer = withVersion(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", null, "上海", null, null), 5L,
                "上海市浦东新区张江路1号");
        Customer older = withVersion(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", null, "上海", null, null), 3L,
                "上海市徐汇区旧地址9号");
        String id = resolve(newer);
        resolve(older);

        assertThat(resolver.golden(id).address()).isEqualTo("上海市浦东新区张江路1号");
    }

    @Test
    void should_give_an_order_before_its_customer_the_customer_the_record_later_joins() {
        String code = uscc("91310000MA1FL0001");
        String known = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", code, "上海", null, null));
        Order order = order("cn-south", "fxiaoke", "O1", new CustomerRef("B1", null, null, "华腾电子"), "CNY", "100");
        String early = resolver.resolve(order, "evt-order").globalCustomerId();
        String record = resolve(customer("cn-south", "fxiaoke", "B1", "华腾电子有限公司", code, null, null, null));

        assertThat(record).isEqualTo(known);
        assertThat(resolver.active(early)).as("the order's customer was merged into the record's").isEqualTo(known);
    }

    @Test
    void should_make_an_account_ordering_in_two_regions_strategic() {
        String code = uscc("91310000MA1FL0001");
        String id = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", code, "上海", null, null));
        resolver.resolve(order("cn-east", "fxiaoke", "O1", new CustomerRef("A1", code, null, null), "CNY", "100"), "o1");
        IdentityResolver.Resolution second = resolver.resolve(
                order("cn-south", "fxiaoke", "O2", new CustomerRef("Z9", code, null, "华腾"), "CNY", "100"), "o2");

        assertThat(second.globalCustomerId()).isEqualTo(id);
        assertThat(resolver.golden(id).tier()).isEqualTo(CustomerTier.STRATEGIC);
        assertThat(second.also()).as("the tier change is an event").anyMatch(o -> o.golden() != null
                && o.golden().tier() == CustomerTier.STRATEGIC);
    }

    @Test
    void should_check_a_busy_customer_by_a_queued_command_when_its_orders_come_faster_than_the_interval() {
        IdentityDatabase.MovingClock clock = new IdentityDatabase.MovingClock();
        resolver = db.resolver(clock);
        String code = uscc("91310000MA1FL0001");
        String id = resolve(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", code, "上海", null, null));
        resolver.resolve(order("cn-east", "fxiaoke", "O1", new CustomerRef("A1", code, null, null), "CNY", "100"), "o1");
        IdentityResolver.Resolution big = resolver.resolve(
                order("cn-east", "fxiaoke", "O2", new CustomerRef("A1", code, null, null), "CNY", "20000000"), "o2");

        assertThat(big.also()).as("checked a moment ago: this order waits for the queued check").isEmpty();
        assertThat(resolver.takeTierChecksDue()).as("within the interval, a next order may still come").isEmpty();
        clock.advance(java.time.Duration.ofSeconds(6));
        assertThat(resolver.takeTierChecksDue()).containsExactly(id);
        List<IdentityResolver.Outgoing> events = resolver.apply(
                new IdentityResolver.Command("tier", id, null, null, "rule"), "tier-1");

        assertThat(resolver.golden(id).tier()).isEqualTo(CustomerTier.STRATEGIC);
        assertThat(events).anyMatch(o -> o.golden() != null && o.golden().tier() == CustomerTier.STRATEGIC);
    }

    @Test
    void should_restore_what_was_merged_into_a_customer_before_it_was_merged_on() {
        String a = resolve(customer("cn-east", "fxiaoke", "A1", "甲乙电子有限公司", null, "上海", null, null));
        String b = resolve(customer("cn-south", "fxiaoke", "B1", "丙丁贸易有限公司", null, "广州", null, null));
        String c = resolve(customer("cn-north", "salesforce", "C1", "戊己机械有限公司", null, "北京", null, null));
        resolver.apply(new IdentityResolver.Command("merge", b, a, null, "op"), "m1");
        resolver.apply(new IdentityResolver.Command("merge", c, b, null, "op"), "m2");
        assertThat(resolver.active(a)).isEqualTo(c);

        resolver.apply(new IdentityResolver.Command("unmerge", c, b, null, "op"), "u1");

        assertThat(resolver.active(b)).isEqualTo(b);
        assertThat(resolver.active(a)).as("merged into b before b was merged on").isEqualTo(b);
        assertThat(db.store.customerOf(IdentityResolver.sourceKey("cn-east", "fxiaoke", "A1"))).as("A1 came to b with a").contains(b);
        assertThat(resolver.problem(new IdentityResolver.Command("unmerge", c, b, null, "op")))
                .contains("is not a customer merged into another");
    }

    @Test
    void should_refuse_approving_a_pair_of_two_codes_and_rejecting_a_pair_that_is_one_customer() {
        String x = resolve(customer("cn-east", "fxiaoke", "X1", "华腾精密电子有限公司", uscc("91310000MA1FL0001"), "上海", null,
                null));
        String y = resolve(customer("cn-south", "fxiaoke", "Y1", "华滕精密电子有限公司", uscc("91310000MA1FL0002"), "上海",
                null, null));
        String z = resolve(customer("hk", "hubspot", "Z1", "华滕精密电子有限公司", null, "上海", null, null));
        assertThat(y).isNotEqualTo(x);
        assertThat(z).isEqualTo(y);
        db.store.queuePair(IdentityResolver.sourceKey("cn-east", "fxiaoke", "X1"),
                IdentityResolver.sourceKey("hk", "hubspot", "Z1"), 0.8, "test", Instant.now());
        db.store.queuePair(IdentityResolver.sourceKey("cn-south", "fxiaoke", "Y1"),
                IdentityResolver.sourceKey("hk", "hubspot", "Z1"), 0.8, "test", Instant.now());
        IdentityStore.PairRow across = db.store.pair(IdentityResolver.sourceKey("cn-east", "fxiaoke", "X1"),
                IdentityResolver.sourceKey("hk", "hubspot", "Z1")).orElseThrow();
        IdentityStore.PairRow within = db.store.pair(IdentityResolver.sourceKey("cn-south", "fxiaoke", "Y1"),
                IdentityResolver.sourceKey("hk", "hubspot", "Z1")).orElseThrow();

        assertThat(resolver.problem(new IdentityResolver.Command("approve", null, null, across.id(), "st")))
                .contains("different unified social credit codes");
        assertThat(resolver.problem(new IdentityResolver.Command("reject", null, null, within.id(), "st")))
                .contains("one customer already");
    }

    @Test
    void should_keep_a_newer_unversioned_record_when_an_older_versioned_one_arrives() {
        Customer unversioned = withVersion(customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", null, "上海", null, null),
                null, "NEW");
        Customer versioned = new Customer(null, unversioned.legalName(), null, null, null, "CN", null, "上海", "OLD",
                null, null, null, List.of(), "cn-east", unversioned.sourceRefs(), 3L,
                Instant.parse("2026-10-01T00:00:00Z"));
        String id = resolve(unversioned);
        resolve(versioned);

        assertThat(resolver.golden(id).address()).isEqualTo("NEW");
    }

    @Test
    void should_give_orders_that_name_their_customer_by_code_only_one_customer() {
        String code = uscc("91310000MA1FL0001");
        String first = resolver.resolve(order("cn-east", "distributor-files", "F1", new CustomerRef(null, code, null,
                "华腾电子"), "CNY", "100"), "f1").globalCustomerId();
        String second = resolver.resolve(order("cn-east", "distributor-files", "F2", new CustomerRef(null, code, null,
                "华腾电子"), "CNY", "100"), "f2").globalCustomerId();
        String record = resolve(customer("cn-south", "fxiaoke", "B1", "华腾电子有限公司", code, "上海", null, null));

        assertThat(second).isEqualTo(first);
        assertThat(record).isEqualTo(first);
    }

    @Test
    void should_answer_a_redelivered_event_as_the_first_time() {
        Customer record = customer("cn-east", "fxiaoke", "A1", "华腾电子有限公司", null, "上海", null, null);
        String first = resolver.resolve(record, "evt-same").globalCustomerId();
        String again = db.resolver().resolve(record, "evt-same").globalCustomerId();

        assertThat(again).isEqualTo(first);
        assertThat(db.store.sourcesOf(first)).hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    private String resolve(Customer customer) {
        return resolver.resolve(customer, "evt-" + (++events)).globalCustomerId();
    }

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static Customer customer(String region, String system, String id, String name, String uscc, String city,
            String phone, String email) {
        List<Contact> contacts = phone == null && email == null ? List.of()
                : List.of(new Contact("联系人", null, phone, email));
        String country = name.matches(".*\\p{IsHan}.*") || city != null ? "CN" : null;
        return new Customer(null, name, null, uscc, null, country, null, city, null, null, null, null, contacts, region,
                List.of(new SourceRef(region, system, id, null)), 1L, Instant.parse("2026-11-01T00:00:00Z"));
    }

    private static Customer withVersion(Customer c, Long version, String address) {
        return new Customer(null, c.legalName(), null, c.unifiedSocialCreditCode(), null, c.country(), null, c.city(),
                address, null, null, null, c.contacts(), c.ownerRegion(), c.sourceRefs(), version, c.updatedAt());
    }

    private static Order order(String region, String system, String id, CustomerRef ref, String currency, String total) {
        return new Order(new SourceRef(region, system, id, null), id, ref, LocalDate.now(), currency, List.of(),
                new BigDecimal(total), BigDecimal.ZERO, new BigDecimal(total), OrderStatus.CONFIRMED, null, null,
                Instant.now(), 1L);
    }
}
