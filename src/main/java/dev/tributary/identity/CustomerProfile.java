package dev.tributary.identity;

import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.validation.TaxIds;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What matching compares of one source customer, computed once when the record arrives and kept
 * with its cross-reference row: a USCC or tax id only when valid, the reduced name, city, phones
 * and the corporate e-mail domains (never a free-mail domain).
 */
record CustomerProfile(
        String uscc,
        String taxId,
        String country,
        String city,
        String core,
        boolean han,
        String pinyin,
        boolean branch,
        List<String> phones,
        List<String> domains,
        String address) {

    /** Domains anyone can have an address at: a shared one says nothing about a company. */
    static final Set<String> FREE_MAIL = Set.of("qq.com", "163.com", "126.com", "yeah.net", "sina.com", "sina.cn",
            "sohu.com", "139.com", "189.cn", "foxmail.com", "aliyun.com", "tom.com", "21cn.com", "gmail.com",
            "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com", "yahoo.com", "yahoo.com.cn",
            "yahoo.co.jp", "icloud.com", "me.com", "mac.com", "aol.com", "gmx.de", "gmx.net", "web.de", "t-online.de",
            "proton.me", "protonmail.com", "mail.ru", "yandex.ru", "naver.com", "hanmail.net", "orange.fr",
            "free.fr", "libero.it", "hotmail.co.uk", "btinternet.com");

    static CustomerProfile of(Customer customer) {
        Names.Name name = Names.name(customer.legalName());
        String country = customer.country() == null ? null : customer.country().strip().toUpperCase(Locale.ROOT);
        String uscc = UnifiedSocialCreditCode.isValid(customer.unifiedSocialCreditCode())
                ? customer.unifiedSocialCreditCode() : null;
        String tax = TaxIds.normalise(customer.taxId());
        String taxId = tax == null || tax.isEmpty() || TaxIds.problem(tax) != null ? null : tax;
        String city = Names.city(customer.city());
        if (city == null) {
            city = name.place();
        }
        // in pinyin, so that 上海 and Shanghai are one city
        city = city == null ? null : Names.pinyin(city);
        Set<String> phones = new LinkedHashSet<>();
        Set<String> domains = new LinkedHashSet<>();
        for (Contact contact : customer.contacts()) {
            if (contact.phone() != null && contact.phone().startsWith("+")) {
                phones.add(contact.phone());
            }
            if (contact.email() != null) {
                int at = contact.email().lastIndexOf('@');
                String domain = at < 0 ? "" : contact.email().substring(at + 1).strip().toLowerCase(Locale.ROOT);
                if (domain.contains(".") && !FREE_MAIL.contains(domain)) {
                    domains.add(domain);
                }
            }
        }
        return new CustomerProfile(uscc, taxId, country, city, name.core(), name.han(),
                name.han() ? Names.pinyin(name.core()) : null, name.branch(), List.copyOf(phones), List.copyOf(domains),
                Names.compact(customer.address()));
    }

    /**
     * The blocking keys: only records sharing one of them are compared. A code, the whole reduced
     * name, a phone, a corporate domain, and name prefixes that survive a typo or another script.
     */
    List<String> blockingKeys() {
        List<String> keys = new ArrayList<>();
        if (uscc != null) {
            keys.add("u:" + uscc);
        }
        if (taxId != null) {
            keys.add("t:" + country + ":" + taxId);
        }
        if (!core.isEmpty()) {
            keys.add("n:" + core);
            if (han) {
                if (core.length() >= 3) {
                    keys.add("k:" + core.substring(0, 2));
                    keys.add("s:" + core.charAt(0) + core.substring(core.length() - 2));
                }
                String brand = Names.pinyin(core.substring(0, Math.min(2, core.length())));
                keys.add("y:" + brand);
            } else {
                String first = core.split(" ")[0];
                keys.add("k:" + first);
                keys.add("y:" + first);
            }
        }
        phones.forEach(p -> keys.add("p:" + p));
        domains.forEach(d -> keys.add("d:" + d));
        return keys.stream().map(k -> k.length() > 200 ? k.substring(0, 200) : k).distinct().toList();
    }
}
