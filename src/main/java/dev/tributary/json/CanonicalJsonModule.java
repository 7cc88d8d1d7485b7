package dev.tributary.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.EventEnvelope;
import dev.tributary.canonical.RecordType;
import java.io.IOException;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Reads an {@link EventEnvelope} whose {@code data} is the record named by its {@code type};
 * registered with Boot's {@code ObjectMapper}, which Camel uses too.
 */
@Component
public class CanonicalJsonModule extends SimpleModule {

    public CanonicalJsonModule() {
        super("tributary-canonical");
        addDeserializer(EventEnvelope.class, new EnvelopeDeserializer());
    }

    private static final class EnvelopeDeserializer extends StdDeserializer<EventEnvelope> {

        EnvelopeDeserializer() {
            super(EventEnvelope.class);
        }

        @Override
        public EventEnvelope deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            String type = text(node, "type");
            RecordType recordType = RecordType.fromEventType(type);
            if (recordType == null) {
                return context.reportInputMismatch(EventEnvelope.class, "unknown event type '%s'", type);
            }
            CanonicalRecord data = context.readTreeAsValue(node.get("data"), recordType.recordClass());
            String time = text(node, "time");
            return new EventEnvelope(text(node, "id"), text(node, "source"), type, text(node, "subject"),
                    time == null ? null : Instant.parse(time), text(node, "specversion"),
                    text(node, "datacontenttype"), text(node, "region"), text(node, "sourcesystem"),
                    text(node, "globalcustomerid"), text(node, "traceid"), text(node, "schemaversion"),
                    text(node, "dataquality"), data);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.get(field);
            return value == null || value.isNull() ? null : value.asText();
        }
    }
}
