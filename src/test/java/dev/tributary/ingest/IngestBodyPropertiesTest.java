package dev.tributary.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tributary.json.HubObjectMapper;
import dev.tributary.schema.SchemaRegistry;
import dev.tributary.validation.FieldError;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Proves that whatever text arrives, {@link IngestBody} either reads it into items that keep their
 * text as received or refuses it as unreadable (400/413) with a plain detail, and that
 * {@link SubmissionReader} accepts each item or rejects it with field and message, never throws,
 * answers in proportion to the input and takes less than a second.
 */
class IngestBodyPropertiesTest {

    static final String REGION = "cn-east";
    static final int MAX_ITEMS = 500;

    /** Runs each call; replaced when a call overruns, so the next one does not wait behind it. */
    private static ExecutorService calls = newCallThread();
    private static final AtomicLong IDS = new AtomicLong();

    private final ObjectMapper mapper = HubObjectMapper.create();
    private final SubmissionReader reader = new SubmissionReader(
            new RecordChecker(mapper, new SchemaRegistry(mapper), java.time.Clock.systemUTC(), region -> "CN"));
    private final IngestBody bodies = new IngestBody(mapper, 1_048_576, MAX_ITEMS);

    @AfterContainer
    static void stopCalls() {
        calls.shutdownNow();
    }

    @Property(tries = 10_000)
    void should_read_any_text_into_items_as_received_or_refuse_it_as_unreadable(@ForAll("bodies") String text)
            throws Exception {
        List<IngestBody.Item> items;
        try {
            items = within(() -> bodies.read(text));
        } catch (IngestBody.Unreadable e) {
            Statistics.collect("unreadable " + e.status.value());
            assertThat(e.status.value()).as("status of an unreadable body").isIn(400, 413);
            assertThat(e.title).as("title").isNotBlank();
            assertThat(e.getMessage()).as("detail").isNotBlank();
            assertNoInternals(e.getMessage(), text);
            assertThat(e.getMessage().length()).as("detail length").isLessThanOrEqualTo(1_024);
            return;
        }
        Statistics.collect(items.size() == 1 ? "1 item" : "array of items");
        assertThat(items).isNotEmpty().hasSizeLessThanOrEqualTo(MAX_ITEMS);
        for (IngestBody.Item item : items) {
            assertThat(item.node()).isNotNull();
            assertThat(text).as("each item's text is part of the body as received").contains(item.text());
            assertThat(mapper.readTree(item.text())).as("an item's text reads as the item").isEqualTo(item.node());
        }
    }

    @Property(tries = 10_000)
    void should_accept_each_item_or_reject_it_with_field_and_message(@ForAll("items") String text) throws Exception {
        List<IngestBody.Item> items;
        try {
            items = within(() -> bodies.read(text));
        } catch (IngestBody.Unreadable e) {
            Statistics.collect("unreadable");
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            IngestBody.Item item = items.get(i);
            int index = i;
            ItemResult result = within(() -> reader.read(REGION, index, item, "trace-1"));
            Statistics.collect(result.isAccepted() ? "accepted" : "rejected");
            assertThat(result.index()).isEqualTo(i);
            if (result.isAccepted()) {
                assertThat(result.errors()).isEmpty();
                assertThat(result.submission().eventId()).isNotBlank();
                assertThat(result.submission().customerKey()).isNotBlank();
                assertThat(result.submission().recordJson().length)
                        .as("bytes of the accepted record for an item of %d characters", item.text().length())
                        .isLessThanOrEqualTo(3 * item.text().length() + 1_024);
            } else {
                assertThat(result.errors()).as("errors of a rejected item").isNotEmpty()
                        .hasSizeLessThanOrEqualTo(ItemResult.MAX_ERRORS + 1);
                long answered = 0;
                for (FieldError error : result.errors()) {
                    assertThat(error.field()).as("field of %s", error).isNotEmpty();
                    assertThat(error.message()).as("message of %s", error).isNotBlank();
                    assertNoInternals(error.field() + " " + error.message(), item.text());
                    answered += error.field().length() + error.message().length();
                }
                assertThat(answered).as("characters of the errors for an item of %d characters", item.text().length())
                        .isLessThanOrEqualTo(4L * item.text().length() + 512L * result.errors().size());
            }
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> items = AdversarialInputs.validItems(ids());
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().all().ofMaxLength(200)),
                Tuple.of(4, AdversarialInputs.jsonishText()),
                Tuple.of(8, AdversarialInputs.mutated(items)),
                Tuple.of(2, AdversarialInputs.deeplyNested(items)),
                Tuple.of(3, AdversarialInputs.withTrailingContent(items)),
                Tuple.of(2, AdversarialInputs.withDuplicateKey(items)),
                Tuple.of(4, AdversarialInputs.withHostileValue(items, AdversarialInputs.hostileValues())),
                Tuple.of(2, AdversarialInputs.withHostileKey(items)),
                Tuple.of(2, arrays(Arbitraries.oneOf(items,
                        AdversarialInputs.withHostileValue(items, AdversarialInputs.shortHostileJsonValues())))),
                Tuple.of(1, Arbitraries.of("", " ", "\uFEFF", "null", "[]", "{}", "[{}]", "\"x\"", "0", "[[]]",
                        "[" + "{},".repeat(MAX_ITEMS) + "{}]", "[" + "1,".repeat(MAX_ITEMS - 1) + "1]")));
    }

    @Provide
    Arbitrary<String> items() {
        Arbitrary<String> items = AdversarialInputs.validItems(ids());
        Arbitrary<String> hostile = AdversarialInputs.withHostileValue(items, AdversarialInputs.hostileJsonValues());
        return Arbitraries.frequencyOf(
                Tuple.of(2, items),
                Tuple.of(10, hostile),
                Tuple.of(2, AdversarialInputs.withHostileValue(hostile, AdversarialInputs.hostileJsonValues())),
                Tuple.of(3, AdversarialInputs.withHostileKey(items)),
                Tuple.of(4, AdversarialInputs.withWrongShapes(items)),
                Tuple.of(3, AdversarialInputs.mutated(items)),
                Tuple.of(1, arrays(AdversarialInputs.withHostileValue(items,
                        AdversarialInputs.shortHostileJsonValues()))));
    }

    /** Source ids: mostly plain and unique, sometimes hostile. */
    private static Arbitrary<String> ids() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.create(() -> "P" + IDS.incrementAndGet())),
                Tuple.of(1, AdversarialInputs.hostileText().map(text -> text.replace("\"", "").replace("\\", ""))));
    }

    /** Arrays of 0 to 501 items, mostly short. */
    private static Arbitrary<String> arrays(Arbitrary<String> items) {
        return Arbitraries.frequency(Tuple.of(2, 0), Tuple.of(8, 1), Tuple.of(20, 3), Tuple.of(2, 20),
                        Tuple.of(1, MAX_ITEMS), Tuple.of(1, MAX_ITEMS + 1))
                .flatMap(size -> items.list().ofSize(size))
                .map(list -> "[" + String.join(",", list) + "]");
    }

    /** Runs {@code call} and fails if it takes a second or more; its own exception is rethrown. */
    static <T> T within(Callable<T> call) throws Exception {
        Future<T> future = calls.submit(call);
        try {
            return future.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            calls.shutdownNow();
            calls = newCallThread();
            return fail("took a second or more");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError("failed with " + e.getCause(), e.getCause());
        }
    }

    private static ExecutorService newCallThread() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "ingest-property-call");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Fails if {@code answer} names internals that {@code input} did not itself contain. */
    static void assertNoInternals(String answer, String input) {
        String word = AdversarialInputs.internalsIn(answer, input);
        if (word != null) {
            fail("the answer shows internals ('%s'): %s", word,
                    answer.length() > 500 ? answer.substring(0, 500) : answer);
        }
    }
}
