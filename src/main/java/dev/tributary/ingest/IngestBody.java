package dev.tributary.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * Reads an ingest body — one item or an array of items — into items that each keep their text as
 * received. Bounds are enforced while parsing, before anything is built from the input: nesting
 * depth, number length, the number of items; a repeated field name or content after the JSON value
 * makes the whole body unreadable, since either would mean part of what was sent is ignored.
 */
final class IngestBody {

    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_CHARS = 64;
    /** Most JSON tokens in one body: bounds the tree built from it (a 1 MB body of '{}' would be 40 MB). */
    static final int MAX_TOKENS = 100_000;

    /** One item of the body: the parsed tree and its text exactly as received. */
    record Item(JsonNode node, String text) {
    }

    /** The body cannot be read as an ingest request; nothing in it is accepted. */
    static final class Unreadable extends Exception {
        final HttpStatus status;
        final String title;

        Unreadable(HttpStatus status, String title, String detail) {
            super(detail, null, false, false);
            this.status = status;
            this.title = title;
        }
    }

    private final ObjectMapper mapper;
    private final int maxItems;

    /** {@code base} keeps its settings (decimals, modules); the copy adds the bounds. */
    IngestBody(ObjectMapper base, int maxBodyBytes, int maxItems) {
        this.mapper = base.copy();
        this.mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_CHARS)
                .maxStringLength(Math.max(maxBodyBytes, 1))
                .maxTokenCount(MAX_TOKENS)
                .build());
        this.mapper.getFactory().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        this.maxItems = maxItems;
    }

    /** The items of {@code text}, in order. */
    List<Item> read(String text) throws Unreadable {
        List<Item> items = new ArrayList<>();
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == JsonToken.START_ARRAY) {
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    if (items.size() == maxItems) {
                        throw new Unreadable(HttpStatus.PAYLOAD_TOO_LARGE, "Too many items",
                                "the array has more than " + maxItems + " items; at most " + maxItems
                                        + " are accepted per request");
                    }
                    int start = (int) parser.currentTokenLocation().getCharOffset();
                    JsonNode node = mapper.readTree(parser);
                    items.add(new Item(node, text.substring(start, (int) parser.currentLocation().getCharOffset())));
                }
            } else if (first == JsonToken.START_OBJECT) {
                int start = (int) parser.currentTokenLocation().getCharOffset();
                JsonNode node = mapper.readTree(parser);
                items.add(new Item(node, text.substring(start, (int) parser.currentLocation().getCharOffset())));
            }
            if (items.isEmpty()) {
                throw new Unreadable(HttpStatus.BAD_REQUEST, "Not an ingest request",
                        "the body must be one item {type, sourceEventId, data} or a non-empty array of items");
            }
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new Unreadable(HttpStatus.BAD_REQUEST, "Malformed JSON", "content after the JSON value"
                        + where(parser.currentTokenLocation()) + ": send one item or one array of items");
            }
            return items;
        } catch (StreamConstraintsException e) {
            throw new Unreadable(HttpStatus.BAD_REQUEST, "Input out of bounds", bound(e));
        } catch (JsonProcessingException e) {
            throw new Unreadable(HttpStatus.BAD_REQUEST, "Malformed JSON",
                    "malformed JSON" + where(e.getLocation()) + ": " + readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new Unreadable(HttpStatus.BAD_REQUEST, "Malformed JSON", "the body cannot be read as JSON");
        } catch (NumberFormatException | ArithmeticException e) {
            // a number whose exponent does not fit any decimal, such as 1e9999999999
            throw new Unreadable(HttpStatus.BAD_REQUEST, "Input out of bounds", "a number is out of range");
        }
    }

    private static String bound(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("nesting depth")) {
            return "the JSON is nested more than " + MAX_NESTING_DEPTH + " levels deep" + where(e.getLocation());
        }
        if (message.contains("Token count")) {
            return "the JSON has more than " + MAX_TOKENS + " values, keys and brackets; send fewer items per request";
        }
        if (message.startsWith("Number")) {
            return "a number has more than " + MAX_NUMBER_CHARS + " characters" + where(e.getLocation());
        }
        return "a value is longer than the body limit allows" + where(e.getLocation());
    }

    /** Jackson's message, unless it names code (then a plain statement). */
    static String readable(String message) {
        if (message == null || message.contains("`") || message.contains("com.fasterxml") || message.contains("java.")
                || message.contains("dev.tributary") || message.contains("Feature '")) {
            return "a value does not fit its field";
        }
        int source = message.indexOf("\n at [Source");
        return source >= 0 ? message.substring(0, source) : message;
    }

    private static String where(JsonLocation location) {
        return location == null || location.getLineNr() < 0 ? ""
                : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }
}
