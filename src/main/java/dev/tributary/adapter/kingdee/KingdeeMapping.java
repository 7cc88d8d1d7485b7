package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.json.HubJson;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetMapping;
import java.util.ArrayList;
import java.util.List;

/**
 * The requests a first delivery sends to a K3Cloud that knows nothing yet: the adapter's own
 * delivery run against a recorder that answers every query with no rows and every write with
 * success, so the golden cases show exactly what the adapter sends (bodies; the signature headers
 * change with the clock and are proved by the contract tests).
 */
public class KingdeeMapping implements TargetMapping {

    static final String ADAPTER = "kingdee-k3cloud";

    private final ObjectMapper json;
    private final KingdeeDelivery delivery;

    public KingdeeMapping() {
        this(KingdeeSettings.defaults(), HubJson.create());
    }

    KingdeeMapping(KingdeeSettings settings, ObjectMapper json) {
        this.json = json;
        this.delivery = new KingdeeDelivery(settings, json);
    }

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public List<JsonNode> requests(List<TargetEvent> events) {
        List<JsonNode> requests = new ArrayList<>();
        delivery.deliver(events, request -> {
            ObjectNode recorded = json.createObjectNode().put("method", "POST").put("path", request.path());
            recorded.set("body", request.body().deepCopy());
            requests.add(recorded);
            return KingdeeAnswer.read(200, emptyTargetAnswer(request), null, json);
        });
        return requests;
    }

    /** What a K3Cloud that knows nothing answers: no rows to a query, success to any write. */
    private String emptyTargetAnswer(KingdeeRequest request) {
        if (request.operation().equals(KingdeeRequest.QUERY)) {
            return "[]";
        }
        ObjectNode status = json.createObjectNode().put("IsSuccess", true).put("ErrorCode", 0).put("MsgCode", 0);
        status.putArray("Errors");
        ArrayNode successes = status.putArray("SuccessEntitys");
        JsonNode model = KingdeeData.of(request.body(), json).path("Model");
        int count = model.isArray() ? model.size() : 1;
        for (int i = 0; i < count; i++) {
            successes.addObject().put("Id", 100001 + i).put("Number", "").put("DIndex", i);
        }
        ObjectNode answer = json.createObjectNode();
        answer.putObject("Result").set("ResponseStatus", status);
        return answer.toString();
    }
}
