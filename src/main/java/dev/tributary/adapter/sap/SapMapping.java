package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetMapping;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The requests {@link SapAdapter} sends for events, recorded by running the adapter's own
 * {@link SapFlow} against a target that knows only what these events created: a key SAP would
 * assign is written {@code BP-<globalCustomerId>} or {@code SO-<PurchaseOrderByCustomer>}, and each
 * service's first write is preceded by its CSRF token fetch.
 */
public class SapMapping implements TargetMapping {

    static final String ADAPTER = "sap-s4-odata";

    private final SapSettings settings;
    private final ObjectMapper json;

    public SapMapping() {
        this(SapSettings.defaults(), HubJson.create());
    }

    SapMapping(SapSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    @Override
    public String adapter() {
        return ADAPTER;
    }

    /** The collections SAP takes: no opportunities (an ERP has no pipeline). */
    static boolean takes(String collection) {
        return !collection.equals(TargetEvent.OPPORTUNITIES);
    }

    @Override
    public List<JsonNode> requests(List<TargetEvent> events) {
        SapFlow flow = new SapFlow(settings, json);
        Recorder recorder = new Recorder(flow.paths());
        for (TargetEvent event : events) {
            if (takes(event.collection())) {
                flow.deliver(event, recorder);
            }
        }
        return recorder.sent.stream().map(request -> request.toJson(json)).toList();
    }

    /** A fresh session on an SAP system that holds only what was created through it. */
    private static final class Recorder implements ODataCalls {

        private final SapPaths paths;
        private final List<SapRequest> sent = new ArrayList<>();
        private final Map<String, String> keys = new HashMap<>();
        private final Set<String> sessions = new HashSet<>();

        Recorder(SapPaths paths) {
            this.paths = paths;
        }

        @Override
        public Optional<String> find(SapRequest lookup, String entitySet, String id) {
            sent.add(lookup);
            return Optional.ofNullable(keys.get(entitySet + "/" + id));
        }

        @Override
        public String create(SapRequest post, String entitySet, String keyField, String id) {
            write(post);
            String key = (entitySet.equals(SapPaths.SALES_ORDERS) ? "SO-" : "BP-") + id;
            keys.put(entitySet + "/" + id, key);
            return key;
        }

        @Override
        public void update(SapRequest patch) {
            write(patch);
        }

        private void write(SapRequest request) {
            String service = paths.serviceOf(request.path());
            if (sessions.add(service)) {
                sent.add(new SapRequest("GET", paths.serviceRoot(service), Map.of(ODataSession.CSRF_HEADER, "fetch"), null));
            }
            sent.add(request);
        }
    }
}
