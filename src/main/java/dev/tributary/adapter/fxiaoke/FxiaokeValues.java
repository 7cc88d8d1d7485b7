package dev.tributary.adapter.fxiaoke;

import dev.tributary.canonical.Contact;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.CustomerTier;
import dev.tributary.canonical.OpportunityStage;
import dev.tributary.canonical.OrderStatus;
import dev.tributary.canonical.SourceRef;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mapstruct.Named;

/** Value conversions the Fxiaoke mappers share: epoch milliseconds, owners, stages, statuses. */
class FxiaokeValues {

    static final String SYSTEM = "fxiaoke";
    static final String DEFAULT_CURRENCY = "CNY";
    /** Fxiaoke stores a date field as the midnight of that day in China, in epoch milliseconds. */
    static final ZoneId DATE_ZONE = ZoneId.of("Asia/Shanghai");

    /** The stage names of a new tenant's default sales process; a tenant that renames them adds theirs here. */
    static final Map<String, OpportunityStage> STAGES = Map.ofEntries(
            Map.entry("验证客户", OpportunityStage.PROSPECTING),
            Map.entry("需求确定", OpportunityStage.QUALIFICATION),
            Map.entry("方案/报价", OpportunityStage.PROPOSAL),
            Map.entry("方案报价", OpportunityStage.PROPOSAL),
            Map.entry("谈判审核", OpportunityStage.NEGOTIATION),
            Map.entry("商务谈判", OpportunityStage.NEGOTIATION),
            Map.entry("赢单", OpportunityStage.CLOSED_WON),
            Map.entry("输单", OpportunityStage.CLOSED_LOST),
            Map.entry("无效", OpportunityStage.CLOSED_LOST));

    /** {@code life_status} option values of a sales order. */
    static final Map<String, OrderStatus> STATUSES = Map.of(
            "ineffective", OrderStatus.DRAFT,
            "under_review", OrderStatus.SUBMITTED,
            "in_change", OrderStatus.SUBMITTED,
            "normal", OrderStatus.CONFIRMED,
            "invalid", OrderStatus.CANCELLED);

    Instant instant(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    LocalDate date(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).atZone(DATE_ZONE).toLocalDate();
    }

    @Named("currency")
    static String currency(String value) {
        return value == null || value.isBlank() ? DEFAULT_CURRENCY : value;
    }

    @Named("firstOwner")
    static String firstOwner(List<String> owners) {
        return owners == null || owners.isEmpty() ? null : owners.get(0);
    }

    @Named("stage")
    static OpportunityStage stage(String sourceStage) {
        return sourceStage == null ? null : STAGES.get(sourceStage.strip());
    }

    @Named("status")
    static OrderStatus status(String lifeStatus) {
        return lifeStatus == null ? null : STATUSES.get(lifeStatus.strip().toLowerCase(Locale.ROOT));
    }

    @Named("tier")
    static CustomerTier tier(String level) {
        if (level == null) {
            return null;
        }
        return level.contains("战略") ? CustomerTier.STRATEGIC
                : level.contains("重要") || level.contains("重点") ? CustomerTier.KEY
                : level.contains("普通") ? CustomerTier.STANDARD : null;
    }

    /** Fxiaoke writes the country as a name or a code; only what is clearly one country is kept. */
    @Named("country")
    static String country(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.equals("中国") || v.equalsIgnoreCase("china")) {
            return "CN";
        }
        return v.length() == 2 && v.chars().allMatch(Character::isLetter) ? v : null;
    }

    /** A tax rate given in percent (13 for 13 %) as the fraction the canonical model uses. */
    @Named("percent")
    static BigDecimal percent(BigDecimal value) {
        return value == null ? null : value.movePointLeft(2);
    }

    static BigDecimal difference(BigDecimal gross, BigDecimal net) {
        return gross == null || net == null ? null : gross.subtract(net);
    }

    static SourceRef sourceRef(String region, String id, Long lastModified) {
        return new SourceRef(region, SYSTEM, id, lastModified == null ? null : Instant.ofEpochMilli(lastModified));
    }

    static CustomerRef customerRef(String accountId, String accountName) {
        return new CustomerRef(accountId, null, null, accountName);
    }

    /** The company's own telephone and e-mail, as a contact without a person's name. */
    static List<Contact> contacts(String tel, String email) {
        boolean none = (tel == null || tel.isBlank()) && (email == null || email.isBlank());
        return none ? List.of() : List.of(new Contact(null, null, tel, email));
    }
}
