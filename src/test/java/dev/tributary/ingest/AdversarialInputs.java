package dev.tributary.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators (jqwik arbitraries) of malformed and hostile ingest input, shared by the ingest
 * property tests and {@code IngestAdversarialIT}: hostile JSON values, valid items with one value,
 * key or shape replaced, mutated and truncated text, deep nesting, duplicate keys and trailing
 * content. The fixed values avoid the words the tests look for in answers as signs of internals
 * ({@link #INTERNALS}); random text may contain one, so an answer may quote what it was sent.
 */
public final class AdversarialInputs {

    /** Words that would mean an answer shows code, a stack trace, the database or the file system. */
    public static final List<String> INTERNALS = List.of("exception", "at dev.", "at java.", "org.springframework",
            "com.fasterxml", "sql", "varchar", "jdbc", "/work/", ".java", "null pointer");

    /** A string no generator produces; replaced by raw JSON text after a tree is written. */
    private static final String MARK = "@@hostile@@";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> HOSTILE_TEXT = List.of(
            "", " ", "\t", "\n", "NaN", "Infinity", "-Infinity", "null", "undefined", "true", "-0", "1e30000000",
            "0x1F", "1,5", "1 000", "１２３４５６７８９", "١٢٣", "१२३", "Ⅻ", "¹²³",
            "ＣＮＹ", "ｃｎｙ", "ＣＮ", "ｏｒｄｅｒ", "оrder", "ОRDER", "СО-1001", "fхiaoke", "СNY", "ϹΝΥ", "cn-еast",
            "\u200B", "FZ\u200Bx", "\u202Egnp.exe", "\u202Dx", "\u2066x\u2069", "\uFEFF", "\u2028", "\u2029", "\u00AD",
            "\u00A0", "\u3000", "e\u0301", "\uD800", "\uDFFF", "\uD800A", "A\uDBFF", "\uDBFF\uDFFF", "\uFFFE", "\uFFFF",
            "\uE000", "😀", "👨‍👩‍👧", "مرحبا", "שלום", "\u0000", "a\u0000b", "\u001F", "\u007F", "\u0085",
            "a;b", "a/b", "a|b", "..", "../../etc/passwd", "..\\..\\boot.ini", "%2F", "a%2Fb", "%2e%2e", "%00", "%",
            "a;v=1/x,y", "cn-east.fxiaoke.x", "cn-east/fxiaoke/x", "a\\b", "a:b", "a#b", "a?b=c&d", "a b", "a+b",
            "' OR '1'='1", "'; DROP TABLE rejected_record; --", "1; DELETE FROM ingest_event", "\" OR \"\"=\"",
            "1 UNION SELECT event_id FROM ingest_event", "admin'--", "%' AND 1=1 --",
            "${jndi:ldap://127.0.0.1:1389/a}", "${jndi:${lower:l}dap://x/a}", "${env:HOME}", "${sys:user.home}",
            "#{7*7}", "{{7*7}}", "%s%s%s%n", "%x%x", "<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "</data>]]><!--", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>",
            "vbscript:msgbox(1)", "data:text/html,<b>x</b>", "\\u0000", "\\", "\"", "\"}", "[]", "{}",
            "{\"type\":\"order\"}", "order", "ORDER", " order ", "customer\u0000", "opportunity;", "CONFIRMED", "confirmed", "DISTRIBUTOR",
            "2026-02-30", "2026-13-01", "+999999999-12-31", "2026-11-20T08:30:00+25:00", "2026-11-20T24:00:00Z",
            "-999999999-01-01T00:00:00Z", "1970-01-01T00:00:00Z", "+8613800138000", "a@b", "@", "x@y.z\u200B");

    private static final String HOSTILE_CHARS = "\"\\/{}[],:;|.%$#<>'` \t\n\r\u0000\u0001\u001F\u007F\u00A0\u200B"
            + "\u202E\u2028\uFEFF\uD800\uDC00\uFFFF０９ＡСОр中文ééa1-_eE+";

    private AdversarialInputs() {
    }

    /**
     * The first of {@link #INTERNALS} that {@code answer} names (case-insensitively) and {@code input}
     * did not itself contain, or null; an answer may quote what it was sent.
     */
    public static String internalsIn(String answer, String input) {
        String said = answer.toLowerCase(Locale.ROOT);
        String sent = input.toLowerCase(Locale.ROOT);
        return INTERNALS.stream().filter(word -> said.contains(word) && !sent.contains(word)).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- valid items

    /** A valid 统一社会信用代码 derived from {@code seed}. */
    public static String uscc(String seed) {
        String digits = String.format(Locale.ROOT, "%09d", Math.abs(seed.hashCode()) % 1_000_000_000);
        String first17 = "91310000" + digits;
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** A canonical order item (source id {@code id}); valid when the id is. */
    public static String orderItem(String id) {
        return orderItem(escaped(id), "C-" + escaped(id), uscc(id));
    }

    /** A valid canonical order item for {@code orderId} of customer {@code customerId} (ids as JSON text). */
    public static String orderItem(String orderId, String customerId, String uscc) {
        return """
                {"type": "order", "sourceEventId": "%1$s-v1",
                 "data": {
                   "sourceRef": {"system": "fxiaoke", "sourceId": "%1$s"},
                   "orderNumber": "SO-%1$s",
                   "customerRef": {"sourceId": "%2$s", "unifiedSocialCreditCode": "%3$s", "legalName": "上海华东精密机械有限公司"},
                   "orderDate": "2026-11-20",
                   "currency": "CNY",
                   "lines": [
                     {"lineNo": 1, "sku": "PUMP-200", "description": "离心泵 200 L/min", "quantity": 2,
                      "unitPrice": 1850.00, "discount": 0, "lineTotal": 3700.00, "taxRate": 0.13},
                     {"lineNo": 2, "sku": "VALVE-50", "quantity": "3", "unitPrice": "236.50",
                      "discount": 9.50, "lineTotal": 700.00, "taxRate": 0.13}
                   ],
                   "netTotal": 4400.00, "taxTotal": 572.00, "grossTotal": 4972.00,
                   "status": "CONFIRMED", "channel": "DIRECT",
                   "sourceUpdatedAt": "2026-11-20T08:30:00+08:00", "sourceVersion": 1
                 }}""".formatted(orderId, customerId, uscc);
    }

    /** A canonical customer item (source id {@code id}), owned by cn-east; valid when the id is. */
    public static String customerItem(String id) {
        return """
                {"type": "customer", "sourceEventId": "%1$s-c1",
                 "data": {
                   "legalName": "上海华东精密机械有限公司", "normalisedName": "华东精密机械",
                   "unifiedSocialCreditCode": "%2$s", "country": "CN", "province": "上海", "city": "上海",
                   "address": "浦东新区张江路 88 号", "industry": "机械制造", "segment": "Industrial", "tier": "key",
                   "contacts": [{"name": "王伟", "title": "采购经理", "phone": "+8613800138001", "email": "wang.wei@huadong-jx.cn"}],
                   "ownerRegion": "cn-east",
                   "sourceRefs": [{"system": "fxiaoke", "sourceId": "%1$s", "lastSeenAt": "2026-11-01T08:00:00Z"}],
                   "version": 3, "updatedAt": "2026-11-20T16:00:00+08:00"
                 }}""".formatted(escaped(id), uscc(id));
    }

    /** A canonical opportunity item (source id {@code id}); valid when the id is. */
    public static String opportunityItem(String id) {
        return """
                {"type": "opportunity", "sourceEventId": "%1$s-p1",
                 "data": {
                   "sourceRef": {"system": "fxiaoke", "sourceId": "%1$s"},
                   "customerRef": {"sourceId": "C-%1$s", "unifiedSocialCreditCode": "%2$s"},
                   "name": "二期产线改造", "stage": "proposal", "sourceStage": "方案报价", "amount": "500000.00",
                   "currency": "CNY", "probability": 60, "expectedCloseDate": "2026-06-30", "owner": "王伟",
                   "sourceUpdatedAt": "2026-11-02T09:15:00Z"
                 }}""".formatted(escaped(id), uscc(id));
    }

    /** {@code text} escaped for use inside a JSON string. */
    public static String escaped(String text) {
        String quoted = quote(text);
        return quoted.substring(1, quoted.length() - 1);
    }

    /** Items of every type, each with a source id from {@code ids} (valid when the ids are). */
    public static Arbitrary<String> validItems(Arbitrary<String> ids) {
        return Arbitraries.frequencyOf(
                Tuple.of(3, ids.map(AdversarialInputs::orderItem)),
                Tuple.of(1, ids.map(AdversarialInputs::customerItem)),
                Tuple.of(1, ids.map(AdversarialInputs::opportunityItem)));
    }

    // ---------------------------------------------------------------- hostile values (raw JSON text)

    /** Hostile values as raw JSON text; some are not JSON at all, so a body holding one is malformed. */
    public static Arbitrary<String> hostileValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(10, hostileJsonValues()),
                Tuple.of(2, notJson()));
    }

    /** Hostile values that are JSON a parser reads: numbers, text, wrong types, long text. */
    public static Arbitrary<String> hostileJsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, hostileNumbers()),
                Tuple.of(8, hostileText().map(AdversarialInputs::quote)),
                Tuple.of(3, wrongTypes()),
                Tuple.of(1, longText().map(AdversarialInputs::quote)));
    }

    /**
     * Hostile values that are cheap to check, so that hundreds of them may share one body: short
     * text, wrong types and small numbers (no long text, no extreme exponents).
     */
    public static Arbitrary<String> shortHostileJsonValues() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, Arbitraries.of("-1", "0", "-0.01", "1.5", "1e2", "123456789012345678", "2147483648")),
                Tuple.of(6, hostileText().map(AdversarialInputs::quote)),
                Tuple.of(3, wrongTypes()));
    }

    /** Numbers an amount, a version or a line number must survive. */
    public static Arbitrary<String> hostileNumbers() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of("1e30000000", "-1e30000000", "1E+30000000", "1e-999999", "-1e-999999",
                        "0e-999999", "-0e-999999", "0.0e-99999", "0e-2147483647", "0e+2147483647", "1e2147483647",
                        "1e-2147483647", "1e308", "-1e308", "1e400", "4.9e-324", "2.5e-400", "-0", "-0.0", "0",
                        "-1", "-0.01", "-9999", "1E+2", "1e2", "0.1e1", "123456789012345678", "1234567890123456789",
                        "-1234567890123456789", "999999999999999999.9999999999", "0.00000000001", "0.12345678901",
                        "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808", "1.5", "3.0")),
                Tuple.of(2, Arbitraries.strings().withCharRange('0', '9').ofMinLength(18).ofMaxLength(80)
                        .map(digits -> "9" + digits)),
                Tuple.of(1, Arbitraries.strings().withCharRange('0', '9').ofMinLength(11).ofMaxLength(70)
                        .map(digits -> "0." + digits)),
                Tuple.of(1, Arbitraries.integers().between(-100_000_000, 100_000_000)
                        .map(exponent -> "1e" + exponent)));
    }

    /** Text that is legal JSON once quoted: look-alikes, invisible characters, lone surrogates, injections. */
    public static Arbitrary<String> hostileText() {
        return Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.of(HOSTILE_TEXT)),
                Tuple.of(3, Arbitraries.strings().withChars(HOSTILE_CHARS).ofMinLength(1).ofMaxLength(80)),
                Tuple.of(1, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(64)),
                Tuple.of(1, Arbitraries.chars().range('\u0000', '\u001f').map(c -> "x" + c + "y")));
    }

    /** Text longer than any field allows: up to ~200 KB, mostly just past the limits. */
    public static Arbitrary<String> longText() {
        return Combinators.combine(
                Arbitraries.frequency(Tuple.of(10, 129), Tuple.of(10, 257), Tuple.of(10, 2_001), Tuple.of(4, 8_000),
                        Tuple.of(2, 65_536), Tuple.of(1, 200_000)),
                Arbitraries.of("x", "9", "中", "\u200B", "a;", "<b>"))
                .as((length, unit) -> unit.repeat(Math.max(1, length / unit.length())));
    }

    /** Values of every JSON type but the expected one. */
    public static Arbitrary<String> wrongTypes() {
        return Arbitraries.of("null", "true", "false", "0", "1", "-1", "[]", "{}", "[null]", "[1,2,3]", "{\"a\":1}",
                "\"\"", "\"1\"", "[[[]]]", "{\"\":null}", "[{}]", "\"true\"", "[\"order\"]", "{\"type\":\"order\"}");
    }

    /** Values no JSON parser reads. */
    public static Arbitrary<String> notJson() {
        return Arbitraries.of("NaN", "-NaN", "Infinity", "-Infinity", "+1", "01", "00", ".5", "1.", "0x1F", "1e",
                "1e+", "--1", "1_000", "'single'", "undefined", "tru", "nul", "\"unterminated", "[1,]", "{\"a\":}",
                "{\"a\" 1}", "\"a\u0001b\"", "\"\u0000\"", "\"\\x41\"", "\"\\u12\"", "\"\\ud8", "1e9999999999",
                "1e-2147483648", "/* c */ 1", "1 // c", "\"a\"\"b\"", "[", "{", "}", "]", ":", ",");
    }

    /** Object keys a reader must not trip over: empty, look-alike, huge, invisible. */
    public static Arbitrary<String> hostileKeys() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of("", " ", "type ", "Type", "TYPE", "tуpe", "data\u200B", "__proto__",
                        "constructor", "$where", "a.b", "data.sourceRef", "lines[0]", "\u0000", "\uD800", "тип",
                        "sourceEventId\u0000", "x".repeat(65), "${jndi:ldap://127.0.0.1:1389/a}", "<script>")),
                Tuple.of(1, Arbitraries.of(1_000, 60_000).map("k"::repeat)),
                Tuple.of(2, hostileText()));
    }

    /** {@code text} as a JSON string; control characters and every surrogate escaped, so lone ones survive. */
    public static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    // ---------------------------------------------------------------- changes to valid items

    /** Each of {@code items} with one value replaced by a hostile one (any type, any depth). */
    public static Arbitrary<String> withHostileValue(Arbitrary<String> items, Arbitrary<String> values) {
        return Combinators.combine(items, values, Arbitraries.doubles().between(0, 1).ofScale(6))
                .as((item, value, pick) -> replaceValue(item, pick, value));
    }

    /** Each of {@code items} with one key renamed to a hostile one, or one hostile key added. */
    public static Arbitrary<String> withHostileKey(Arbitrary<String> items) {
        return Combinators.combine(items, hostileKeys(), hostileJsonValues(), Arbitraries.doubles().between(0, 1),
                Arbitraries.of(true, false))
                .as((item, key, value, pick, rename) -> changeKey(item, pick, key, value, rename));
    }

    /** Each of {@code items} with one field written twice (the second time with the same or another value). */
    public static Arbitrary<String> withDuplicateKey(Arbitrary<String> items) {
        return Combinators.combine(items, Arbitraries.doubles().between(0, 1), hostileJsonValues().injectNull(0.5))
                .as((item, pick, other) -> duplicateKey(item, pick, other));
    }

    /** Each of {@code items} with JSON types swapped: objects as arrays and back, scalars retyped, nulls. */
    public static Arbitrary<String> withWrongShapes(Arbitrary<String> items) {
        return Combinators.combine(items, Arbitraries.of(Reshape.values()), Arbitraries.doubles().between(0, 1))
                .as((item, reshape, pick) -> reshape(item, reshape, pick));
    }

    /** Each of {@code items} with a value nested 20 to 10,000 levels deep, in place of a value or around it. */
    public static Arbitrary<String> deeplyNested(Arbitrary<String> items) {
        Arbitrary<Integer> depths = Arbitraries.frequency(Tuple.of(1, 20), Tuple.of(1, 31), Tuple.of(1, 33),
                Tuple.of(4, 100), Tuple.of(2, 101), Tuple.of(2, 150), Tuple.of(2, 1_000), Tuple.of(1, 10_000));
        return Combinators.combine(items, depths, Arbitraries.of(true, false), Arbitraries.integers().between(0, 2),
                Arbitraries.doubles().between(0, 1))
                .as((item, depth, objects, where, pick) -> {
                    String open = objects ? "{\"a\":" : "[";
                    String close = objects ? "}" : "]";
                    return switch (where) {
                        case 0 -> replaceValue(item, pick, open.repeat(depth) + "1" + close.repeat(depth));
                        case 1 -> "[".repeat(depth) + item + "]".repeat(depth);
                        default -> open.repeat(depth) + "null" + close.repeat(depth);
                    };
                });
    }

    /** Each of {@code items} followed (or preceded) by content: garbage, a second JSON value, a comment. */
    public static Arbitrary<String> withTrailingContent(Arbitrary<String> items) {
        Arbitrary<String> tails = Arbitraries.oneOf(
                Arbitraries.of("x", "}", "]", ",", ";", "{}", "[]", "null", "0", "\"\"", "\u0000", "\uFEFF",
                        "/* comment */", "// comment", "\n\n{\"type\":\"order\"}", " ,{}", "]]]]", "\u001A",
                        "<!-- -->", "\r\n--boundary--"),
                hostileValues(),
                Arbitraries.strings().withChars(HOSTILE_CHARS).ofMinLength(1).ofMaxLength(40));
        return Combinators.combine(items, tails, Arbitraries.integers().between(0, 5))
                .as((item, tail, form) -> switch (form) {
                    case 0 -> item + tail;
                    case 1 -> item + " " + item;
                    case 2 -> "[" + item + "][" + item + "]";
                    case 3 -> item + "\n" + item.replace("\"type\"", "\"tipo\"");
                    case 4 -> ")]}',\n" + item;
                    default -> tail + item;
                });
    }

    /** Each of {@code items} with one to five random edits: drops, repeats, swaps, cuts, inserted characters. */
    public static Arbitrary<String> mutated(Arbitrary<String> items) {
        return Combinators.combine(items, Arbitraries.integers().between(1, 5), Arbitraries.longs())
                .as((item, edits, seed) -> mutate(item, edits, new Random(seed)));
    }

    /** Text of JSON-ish characters: mostly almost-JSON, never valid items. */
    public static Arbitrary<String> jsonishText() {
        return Arbitraries.strings().withChars("{}[]\":,.-+0123456789eEtrufalsn \\/ab\u00e9\u4e2d")
                .ofMinLength(0).ofMaxLength(300);
    }

    // ---------------------------------------------------------------- implementation

    static String mutate(String text, int edits, Random random) {
        StringBuilder out = new StringBuilder(text);
        for (int e = 0; e < edits; e++) {
            int length = out.length();
            int at = length == 0 ? 0 : random.nextInt(length);
            switch (random.nextInt(8)) {
                case 0 -> {
                    if (length > 0) {
                        out.deleteCharAt(at);
                    }
                }
                case 1 -> {
                    if (length > 0) {
                        out.insert(at, out.charAt(at));
                    }
                }
                case 2 -> {
                    if (at + 1 < length) {
                        char c = out.charAt(at);
                        out.setCharAt(at, out.charAt(at + 1));
                        out.setCharAt(at + 1, c);
                    }
                }
                case 3 -> out.setLength(at);
                case 4 -> out.delete(at, Math.min(length, at + 1 + random.nextInt(50)));
                case 5 -> out.insert(at, out.substring(at, Math.min(length, at + 1 + random.nextInt(80))));
                case 6 -> out.insert(at, HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length())));
                default -> {
                    if (length > 0) {
                        out.setCharAt(at, HOSTILE_CHARS.charAt(random.nextInt(HOSTILE_CHARS.length())));
                    }
                }
            }
        }
        return out.toString();
    }

    /** Where a value sits in a tree: its container and its key or index. */
    private record Slot(JsonNode container, String key, int index) {

        JsonNode get() {
            return key != null ? container.get(key) : container.get(index);
        }

        void set(JsonNode value) {
            if (key != null) {
                ((ObjectNode) container).set(key, value);
            } else {
                ((ArrayNode) container).set(index, value);
            }
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        collect(root, slots::add);
        return slots;
    }

    private static void collect(JsonNode node, Consumer<Slot> into) {
        if (node.isObject()) {
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                into.accept(new Slot(node, name, -1));
                collect(node.get(name), into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.accept(new Slot(node, null, i));
                collect(node.get(i), into);
            }
        }
    }

    private static <T> T pick(List<T> from, double pick) {
        return from.get(Math.min(from.size() - 1, (int) (pick * from.size())));
    }

    /** {@code item} with the value at a slot chosen by {@code pick} replaced by raw JSON text. */
    static String replaceValue(String item, double pick, String raw) {
        JsonNode root = tree(item);
        pick(slots(root), pick).set(TextNode.valueOf(MARK));
        return write(root).replace(quote(MARK), raw);
    }

    private static String changeKey(String item, double pick, String key, String value, boolean rename) {
        JsonNode root = tree(item);
        List<Slot> fields = slots(root).stream().filter(s -> s.key() != null).toList();
        Slot slot = pick(fields, pick);
        ObjectNode object = (ObjectNode) slot.container();
        if (rename) {
            object.set(MARK, object.remove(slot.key()));
            return write(root).replace(quote(MARK) + ":", quote(key) + ":");
        }
        object.put(MARK, MARK);
        return write(root).replace(quote(MARK) + ":" + quote(MARK), quote(key) + ":" + value);
    }

    private static String duplicateKey(String item, double pick, String other) {
        JsonNode root = tree(item);
        List<Slot> fields = slots(root).stream().filter(s -> s.key() != null).toList();
        Slot slot = pick(fields, pick);
        String again = other != null ? other : write(slot.get());
        ((ObjectNode) slot.container()).put(MARK, MARK);
        return write(root).replace(quote(MARK) + ":" + quote(MARK), quote(slot.key()) + ":" + again);
    }

    /** Ways to give values the wrong JSON type. */
    public enum Reshape {
        /** One value wrapped in an array. */
        WRAP,
        /** One object written as the array of its values, or one array as an object keyed by index. */
        SWAP_CONTAINER,
        /** Every scalar written as the other kind: text as a number, a number as text, booleans as text. */
        RETYPE_SCALARS,
        /** Every value null. */
        NULL_EVERYWHERE,
        /** One value null. */
        ONE_NULL,
        /** The whole item in an object, or a bare array of its fields. */
        ENVELOPE
    }

    static String reshape(String item, Reshape reshape, double pick) {
        JsonNode root = tree(item);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        switch (reshape) {
            case WRAP -> {
                Slot slot = pick(slots(root), pick);
                slot.set(nodes.arrayNode().add(slot.get()));
            }
            case SWAP_CONTAINER -> {
                List<Slot> containers = slots(root).stream().filter(s -> s.get().isContainerNode()).toList();
                if (containers.isEmpty()) {
                    return "[" + item + "]";
                }
                Slot slot = pick(containers, pick);
                slot.set(swapped(slot.get()));
            }
            case RETYPE_SCALARS -> slots(root).forEach(s -> {
                JsonNode v = s.get();
                if (v.isTextual()) {
                    s.set(nodes.numberNode(v.asText().length()));
                } else if (v.isNumber() || v.isBoolean()) {
                    s.set(nodes.textNode(v.asText()));
                }
            });
            case NULL_EVERYWHERE -> {
                List<Slot> all = slots(root);
                all.stream().filter(s -> s.get().isValueNode()).forEach(s -> s.set(nodes.nullNode()));
                if (pick < 0.3) {
                    all.stream().filter(s -> s.container() == root).forEach(s -> s.set(nodes.nullNode()));
                }
            }
            case ONE_NULL -> pick(slots(root), pick).set(nodes.nullNode());
            case ENVELOPE -> {
                return pick < 0.5 ? "{\"items\":[" + item + "]}" : write(swapped(root));
            }
        }
        return write(root);
    }

    private static JsonNode swapped(JsonNode node) {
        if (node.isObject()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            node.elements().forEachRemaining(array::add);
            return array;
        }
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < node.size(); i++) {
            object.set(String.valueOf(i), node.get(i));
        }
        return object;
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a JSON base item: " + json, e);
        }
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
