package dev.tributary.identity;

import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.SourceRef;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The id a new customer gets from the identity stage: from its unified social credit code or tax
 * id when it has one (so the customer the first coded record starts has the id the code always
 * gave), else from its region, system and source id.
 */
final class GlobalCustomerIds {

    private GlobalCustomerIds() {
    }

    /**
     * The identity key the id is derived from, e.g. {@code uscc:91350100M000100Y43}; a customer known
     * only by its source id has a key composed with {@link Keys}, so ids containing '/' or ':' cannot
     * make two customers one.
     */
    static String identityKey(CanonicalRecord record) {
        CustomerRef ref = record.customerRef();
        if (notBlank(ref.unifiedSocialCreditCode())) {
            return "uscc:" + ref.unifiedSocialCreditCode();
        }
        if (notBlank(ref.taxId())) {
            return "tax:" + ref.taxId();
        }
        SourceRef source = record.primarySource();
        return "src:" + Keys.of(source.region(), source.system(), ref.sourceId());
    }

    static String fromKey(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "GC-" + HexFormat.of().formatHex(digest, 0, 8).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static boolean notBlank(String value) {
        return value != null && !value.isBlank();
    }
}
