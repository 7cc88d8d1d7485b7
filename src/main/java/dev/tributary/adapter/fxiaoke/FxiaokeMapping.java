package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.RecordType;
import dev.tributary.ingest.IncomingRecord;
import dev.tributary.ingest.SourceMapping;
import dev.tributary.ingest.UnreadableInputException;
import dev.tributary.validation.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mapstruct.factory.Mappers;

/**
 * Turns one page of a Fxiaoke query answer into records for intake. A golden input (and what the
 * poller maps) is the envelope {@code {"dataObjectApiName": …, "page": <query answer>, "lines":
 * <query answer of SalesOrderProductObj>}}; an answer whose {@code errorCode} is not 0 is unreadable
 * with Fxiaoke's message. Each record's {@code sourceEventId} is
 * {@code <object>:<_id>:<last_modified_time>}, so polling the same change again is a repeat.
 */
public class FxiaokeMapping implements SourceMapping {

    /** The adapter's name: {@code adapters/fxiaoke/}, {@code mappings/fxiaoke/}, {@code adapter: fxiaoke}. */
    public static final String ADAPTER = "fxiaoke";
    static final String ACCOUNT = "AccountObj";
    static final String OPPORTUNITY = "NewOpportunityObj";
    static final String ORDER = "SalesOrderObj";
    static final String ORDER_LINE = "SalesOrderProductObj";
    static final List<String> OBJECTS = List.of(ACCOUNT, OPPORTUNITY, ORDER);

    private final ObjectMapper json;
    private final AccountMapper accounts = Mappers.getMapper(AccountMapper.class);
    private final OpportunityMapper opportunities = Mappers.getMapper(OpportunityMapper.class);
    private final SalesOrderMapper orders = Mappers.getMapper(SalesOrderMapper.class);

    public FxiaokeMapping() {
        this.json = objectMapper();
    }

    /** Reads vendor answers leniently (unknown fields ignored) and writes canonical JSON without nulls. */
    static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    }

    @Override
    public String adapter() {
        return ADAPTER;
    }

    @Override
    public List<IncomingRecord> map(String region, String inputName, byte[] input) {
        JsonNode root;
        try {
            root = json.readTree(input);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("not a Fxiaoke query answer in JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UnreadableInputException("not a Fxiaoke query answer in JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new UnreadableInputException("not a Fxiaoke query answer: expected a JSON object");
        }
        String object = root.path("dataObjectApiName").asText("");
        if (!OBJECTS.contains(object)) {
            throw new UnreadableInputException("dataObjectApiName '" + object + "' is not one the hub reads from"
                    + " Fxiaoke (" + String.join(", ", OBJECTS) + ")");
        }
        QueryAnswer page = answer(root.get("page"), object);
        List<ObjectNode> lines = root.hasNonNull("lines") ? answer(root.get("lines"), ORDER_LINE).rows() : List.of();
        return records(region, object, page.rows(), lines);
    }

    /** A query answer, read; one without {@code errorCode} 0 is unreadable with Fxiaoke's own message. */
    QueryAnswer answer(JsonNode node, String object) {
        if (node == null || !node.isObject()) {
            throw new UnreadableInputException("the " + object + " query answer is missing");
        }
        QueryAnswer answer;
        try {
            answer = json.treeToValue(node, QueryAnswer.class);
        } catch (JsonProcessingException e) {
            throw new UnreadableInputException("the " + object + " query answer cannot be read: "
                    + e.getOriginalMessage(), e);
        }
        if (answer.errorCode() == null || answer.errorCode() != 0) {
            throw new UnreadableInputException(FxiaokeException.describe(object + " query", answer.errorCode(),
                    answer.errorMessage()));
        }
        return answer;
    }

    /** The records of one page of {@code object}; {@code lines} are the order lines of the page's orders. */
    List<IncomingRecord> records(String region, String object, List<ObjectNode> rows, List<ObjectNode> lines) {
        Map<String, List<ObjectNode>> linesByOrder = lines.stream().collect(Collectors.groupingBy(
                line -> line.path("order_id").asText(""), LinkedHashMap::new, Collectors.toList()));
        List<IncomingRecord> records = new ArrayList<>(rows.size());
        for (ObjectNode row : rows) {
            records.add(switch (object) {
                case ACCOUNT -> account(region, row);
                case OPPORTUNITY -> opportunity(region, row);
                case ORDER -> order(region, row, linesByOrder.getOrDefault(row.path("_id").asText(""), List.of()));
                default -> throw new IllegalArgumentException(object);
            });
        }
        return records;
    }

    /** {@code <object>:<_id>:<last_modified_time>}, or the version when the time is missing. */
    static String sourceEventId(String object, JsonNode row) {
        JsonNode time = row.path("last_modified_time");
        String change = time.isMissingNode() || time.isNull() ? "v" + row.path("version").asText("") : time.asText();
        return object + ":" + row.path("_id").asText("") + ":" + change;
    }

    private IncomingRecord account(String region, ObjectNode row) {
        List<FieldError> problems = new ArrayList<>();
        AccountObj account = read(row, AccountObj.class, problems);
        return incoming(RecordType.CUSTOMER, ACCOUNT, row, row.toString(),
                account == null ? null : accounts.toCustomer(account, region), problems);
    }

    private IncomingRecord opportunity(String region, ObjectNode row) {
        List<FieldError> problems = new ArrayList<>();
        NewOpportunityObj opportunity = read(row, NewOpportunityObj.class, problems);
        if (opportunity != null && opportunity.salesStage() != null && FxiaokeValues.stage(opportunity.salesStage()) == null) {
            problems.add(new FieldError("sourceStage", "Fxiaoke sales stage '" + opportunity.salesStage()
                    + "' has no canonical stage; known stages: " + String.join(", ", FxiaokeValues.STAGES.keySet().stream().sorted().toList())));
        }
        return incoming(RecordType.OPPORTUNITY, OPPORTUNITY, row, row.toString(),
                opportunity == null ? null : opportunities.toOpportunity(opportunity, region), problems);
    }

    private IncomingRecord order(String region, ObjectNode row, List<ObjectNode> lineRows) {
        List<FieldError> problems = new ArrayList<>();
        SalesOrderObj order = read(row, SalesOrderObj.class, problems);
        List<SalesOrderProductObj> lines = new ArrayList<>();
        for (int i = 0; i < lineRows.size(); i++) {
            List<FieldError> lineProblems = new ArrayList<>();
            SalesOrderProductObj line = read(lineRows.get(i), SalesOrderProductObj.class, lineProblems);
            int at = i;
            lineProblems.forEach(p -> problems.add(new FieldError("lines[" + at + "]." + p.field(), p.message())));
            if (line != null) {
                lines.add(line);
            }
        }
        if (order != null && order.lifeStatus() != null && FxiaokeValues.status(order.lifeStatus()) == null) {
            problems.add(new FieldError("status", "Fxiaoke life_status '" + order.lifeStatus()
                    + "' has no canonical status; known: " + String.join(", ", FxiaokeValues.STATUSES.keySet().stream().sorted().toList())));
        }
        ObjectNode received = json.createObjectNode();
        received.set(ORDER, row);
        received.set(ORDER_LINE, json.valueToTree(lineRows));
        return incoming(RecordType.ORDER, ORDER, row, received.toString(),
                order == null ? null : orders.toOrder(order, lines, region), problems);
    }

    private <T> T read(ObjectNode row, Class<T> type, List<FieldError> problems) {
        try {
            return json.treeToValue(row, type);
        } catch (MismatchedInputException e) {
            String field = e.getPath().isEmpty() ? "(record)" : e.getPath().get(e.getPath().size() - 1).getFieldName();
            JsonNode value = row.get(field);
            problems.add(new FieldError(field, "Fxiaoke field " + field + " is "
                    + (value == null ? "not readable" : "'" + value.asText() + "'") + ", which is not a "
                    + e.getTargetType().getSimpleName().replace("BigDecimal", "number").replace("Long", "whole number")
                            .replace("Integer", "whole number").replace("List", "list")));
            return null;
        } catch (JsonProcessingException e) {
            problems.add(new FieldError("(record)", "cannot be read: " + e.getOriginalMessage()));
            return null;
        }
    }

    private IncomingRecord incoming(RecordType type, String object, ObjectNode row, String received,
            CanonicalRecord record, List<FieldError> problems) {
        JsonNode data = record == null ? null : json.valueToTree(record);
        return new IncomingRecord(type, sourceEventId(object, row), data, received, problems);
    }
}
