package dev.tributary.flow;

import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.SourceRef;

/**
 * The id by which HQ systems upsert a record: the global customer id for a customer, and
 * {@code region.system.sourceId} for an order or opportunity. It is unambiguous because neither a
 * region id nor a system name may contain '.' (both are checked at ingest and again before
 * publishing), so only the source id, the last part, can.
 */
public final class ExternalIds {

    private ExternalIds() {
    }

    public static String of(CanonicalRecord record, String globalCustomerId) {
        if (record instanceof Customer) {
            return globalCustomerId;
        }
        SourceRef source = record.primarySource();
        return source.region() + "." + source.system() + "." + source.sourceId();
    }
}
