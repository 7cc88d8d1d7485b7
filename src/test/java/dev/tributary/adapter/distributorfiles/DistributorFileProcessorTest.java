package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tributary.ingest.IncomingRecord;
import dev.tributary.ingest.IntakeUnavailableException;
import dev.tributary.ingest.RecordOutcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Proves how the file processor records, resumes, restarts and gives up on files, on a real database without a broker. */
class DistributorFileProcessorTest {

    static final String HEADER = "订单号,经销商编码,客户名称,产品编码,数量,单价,币种,下单日期\n";
    static final DistributorFilesSettings SETTINGS = new DistributorFilesSettings("unused", null, Map.of(),
            Duration.ofSeconds(2), Duration.ofSeconds(1), 1);

    @TempDir
    Path folder;

    JdbcTemplate jdbc;
    FileStore store;
    /** Order numbers intake saw, in order. */
    final List<String> submitted = new ArrayList<>();
    /** Calls to intake left before it becomes unavailable; negative = never. */
    final AtomicInteger callsBeforeOutage = new AtomicInteger(-1);
    /** When set, intake fails with this instead of answering (a bug, an exhausted resource). */
    RuntimeException internalError;

    @BeforeEach
    void database() throws IOException {
        DriverManagerDataSource data = new DriverManagerDataSource(
                "jdbc:h2:mem:files-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(data).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(data);
        store = new FileStore(jdbc);
        FileFolders.create(folder);
    }

    DistributorFileProcessor processor() {
        return new DistributorFileProcessor(store, this::submit);
    }

    List<RecordOutcome> submit(String region, String source, List<IncomingRecord> records) {
        if (internalError != null) {
            throw internalError;
        }
        if (callsBeforeOutage.get() == 0) {
            throw new IntakeUnavailableException("the broker is away", null);
        }
        callsBeforeOutage.decrementAndGet();
        List<RecordOutcome> outcomes = new ArrayList<>();
        for (IncomingRecord r : records) {
            submitted.add(r.data().path("orderNumber").asText());
            boolean ok = r.problems().isEmpty();
            outcomes.add(new RecordOutcome(ok, r.sourceEventId(), false, null,
                    ok ? List.of() : r.problems(), List.of()));
        }
        return outcomes;
    }

    static String orders(String prefix, int count, boolean badQuantity) {
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 1; i <= count; i++) {
            csv.append(prefix).append(i).append(",D1,客户").append(i).append(",SKU,")
                    .append(badQuantity ? "x" : "1").append(",10,CNY,2026-11-03\n");
        }
        return csv.toString();
    }

    Path write(String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }

    Map<String, Object> row(String name) {
        return jdbc.queryForMap("SELECT * FROM source_file WHERE name = ? ORDER BY id DESC FETCH FIRST 1 ROWS ONLY",
                name);
    }

    @Test
    void should_read_a_file_replaced_mid_way_under_the_same_name_from_its_first_order() throws IOException {
        Path file = write("orders.csv", orders("OLD-", 3, true));
        callsBeforeOutage.set(2);
        assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                .isEqualTo(DistributorFileProcessor.Result.RETRY);
        assertThat(row("orders.csv").get("ORDERS_DONE")).isEqualTo(2);

        write("orders.csv", orders("NEW-", 3, true));
        submitted.clear();
        callsBeforeOutage.set(-1);
        assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                .isEqualTo(DistributorFileProcessor.Result.DONE);

        assertThat(submitted).containsExactly("NEW-1", "NEW-2", "NEW-3");
        Map<String, Object> done = row("orders.csv");
        assertThat(done.get("STATUS")).isEqualTo("DONE");
        assertThat(done.get("ORDERS_REJECTED")).isEqualTo(3);
        assertThat(store.rejects(((Number) done.get("ID")).longValue())).extracting(RejectedRow::orderNumber)
                .containsExactly("NEW-1", "NEW-2", "NEW-3");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM source_file WHERE name = 'orders.csv' AND status = 'FAILED'"
                + " AND error LIKE 'replaced by another file%'", Integer.class)).isEqualTo(1);
    }

    @Test
    void should_fail_a_file_after_three_reads_that_stopped_with_an_internal_error_and_say_so_readably()
            throws IOException {
        Path file = write("poison.csv", orders("P-", 2, false));
        internalError = new IllegalStateException("java.lang.NullPointerException: Cannot invoke \"x\"");
        for (int i = 0; i < DistributorFileProcessor.MAX_ATTEMPTS; i++) {
            assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                    .isEqualTo(DistributorFileProcessor.Result.RETRY);
        }
        assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                .isEqualTo(DistributorFileProcessor.Result.FAILED);

        Map<String, Object> failed = row("poison.csv");
        assertThat(failed.get("STATUS")).isEqualTo("FAILED");
        assertThat((String) failed.get("ERROR")).startsWith("the hub stopped 3 times in a row while reading this file")
                .doesNotContain("Exception").doesNotContain("Cannot invoke");
        assertThat(folder.resolve("error/poison.csv")).exists();
        assertThat(file).doesNotExist();
    }

    @Test
    void should_not_count_reads_that_found_intake_unavailable_as_failed_attempts() throws IOException {
        Path file = write("outage.csv", orders("O-", 2, false));
        callsBeforeOutage.set(0);
        for (int i = 0; i < DistributorFileProcessor.MAX_ATTEMPTS + 2; i++) {
            assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                    .isEqualTo(DistributorFileProcessor.Result.RETRY);
        }
        callsBeforeOutage.set(-1);
        assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                .isEqualTo(DistributorFileProcessor.Result.DONE);
        assertThat(submitted).containsExactly("O-1", "O-2");
    }

    @Test
    void should_show_the_columns_the_hub_ignored_in_the_files_status() throws IOException {
        Path file = write("extra.csv", orders("E-", 1, false).replaceFirst("\n", ",折扣率,金额\n"));
        assertThat(processor().process("cn-east", "orders", SETTINGS, file))
                .isEqualTo(DistributorFileProcessor.Result.DONE);
        long id = ((Number) row("extra.csv").get("ID")).longValue();
        assertThat(FileController.view(store.find(id).orElseThrow(), List.of()).get("ignoredColumns"))
                .isEqualTo(List.of("折扣率", "金额"));
    }

    @Test
    void should_write_each_files_reject_report_into_done_beside_it_even_when_names_repeat() throws IOException {
        Path first = write("orders.csv", orders("A-", 1, true));
        processor().process("cn-east", "orders", SETTINGS, first);
        Path second = write("orders.csv", orders("B-", 2, true));
        processor().process("cn-east", "orders", SETTINGS, second);
        long secondId = ((Number) row("orders.csv").get("ID")).longValue();

        assertThat(folder.resolve("orders.csv.rejects.csv")).doesNotExist();
        assertThat(Files.readString(folder.resolve("done/orders.csv.rejects.csv"))).contains("A-1").doesNotContain("B-1");
        assertThat(Files.readString(folder.resolve("done/" + secondId + "-orders.csv.rejects.csv"))).contains("B-1", "B-2");
    }
}
