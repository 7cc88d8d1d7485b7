package dev.tributary.adapter.distributorfiles;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the files of the distributor-files sources ({@code source_file}) and their rejected rows
 * ({@code source_file_reject}). A chunk's rejected rows and the file's resume point are written in
 * one transaction, so after a crash a chunk is either recorded whole or read again.
 */
@Repository
class FileStore {

    private static final String COLUMNS = """
            id, region, source, name, stored_name, size_bytes, sha256, status, rows_read, orders_accepted,
            orders_rejected, rows_rejected, orders_done, next_row, error, duplicate_of, received_at, finished_at,
            ignored_columns""";
    private static final int ERROR_CHARS = 1000;
    private static final int IGNORED_CHARS = 2000;
    private static final int REASON_CHARS = 2000;
    private static final int ORDER_NUMBER_CHARS = 256;

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;

    FileStore(JdbcTemplate jdbc) {
        this.jdbc = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource()));
    }

    /** Registers a file stored under {@code storedName} in the source's folder, not yet hashed; returns its id. */
    long register(String region, String source, String name, String storedName, Long size, String sha256) {
        GeneratedKeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("""
                INSERT INTO source_file (region, source, name, stored_name, size_bytes, sha256, status, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(region, source, cut(name, 255), cut(storedName, 255), size, sha256, FileStatus.RECEIVED.name(),
                        now())
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Names the file as it is stored in the folder (known only once its id is). */
    void storedAs(long id, String storedName) {
        jdbc.sql("UPDATE source_file SET stored_name = ? WHERE id = ?").params(cut(storedName, 255), id).update();
    }

    Optional<SourceFile> find(long id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM source_file WHERE id = ?").param(id).query(FileStore::row)
                .optional();
    }

    /** The file that owns this content in the source (processed, or being processed), if any. */
    Optional<SourceFile> owner(String region, String source, String sha256) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM source_file WHERE region = ? AND source = ? AND content_sha256 = ?")
                .params(region, source, sha256).query(FileStore::row).optional();
    }

    /** The registered, unfinished file stored under {@code storedName} (an upload waiting, a file resumed). */
    Optional<SourceFile> waiting(String region, String source, String storedName) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM source_file WHERE region = ? AND source = ? AND stored_name = ?"
                        + " AND status IN ('RECEIVED', 'PROCESSING') ORDER BY id DESC")
                .params(region, source, storedName).query(FileStore::row).list().stream().findFirst();
    }

    /** Makes {@code id} the owner of its content and marks it being processed; fails if another file owns it. */
    void claim(long id, long size, String sha256) {
        jdbc.sql("UPDATE source_file SET size_bytes = ?, sha256 = ?, content_sha256 = ?, status = ? WHERE id = ?")
                .params(size, sha256, sha256, FileStatus.PROCESSING.name(), id).update();
    }

    /** Records the header cells of the file that name no field the hub reads. */
    void ignoredColumns(long id, List<String> columns) {
        jdbc.sql("UPDATE source_file SET ignored_columns = ? WHERE id = ?")
                .params(columns.isEmpty() ? null : cut(String.join("\n", columns), IGNORED_CHARS), id).update();
    }

    /** Gives up the content of a failed file, so the same content may be tried again. */
    void release(long id) {
        jdbc.sql("UPDATE source_file SET content_sha256 = NULL WHERE id = ?").param(id).update();
    }

    void duplicate(long id, long size, String sha256, long of) {
        jdbc.sql("""
                UPDATE source_file SET size_bytes = ?, sha256 = ?, status = ?, duplicate_of = ?, finished_at = ?
                WHERE id = ?""").params(size, sha256, FileStatus.DUPLICATE.name(), of, now(), id).update();
    }

    void fail(long id, String error) {
        jdbc.sql("UPDATE source_file SET status = ?, error = ?, finished_at = ? WHERE id = ?")
                .params(FileStatus.FAILED.name(), cut(error, ERROR_CHARS), now(), id).update();
    }

    /**
     * Counts one more start of reading the file and returns how many starts in a row ended without
     * progress or a clean answer; a recorded chunk or {@link #settled} sets it back to 0.
     */
    int attempt(long id) {
        jdbc.sql("UPDATE source_file SET attempts = attempts + 1 WHERE id = ?").param(id).update();
        return jdbc.sql("SELECT attempts FROM source_file WHERE id = ?").param(id).query(Integer.class).single();
    }

    /** The last read of the file ended with a clean answer (intake unavailable): it does not count as a failed attempt. */
    void settled(long id) {
        jdbc.sql("UPDATE source_file SET attempts = 0 WHERE id = ?").param(id).update();
    }

    void done(long id) {
        jdbc.sql("UPDATE source_file SET status = ?, finished_at = ? WHERE id = ?")
                .params(FileStatus.DONE.name(), now(), id).update();
    }

    /** Records one chunk handed to intake: its rejected rows, counts and the resume point, all or nothing. */
    void recordChunk(long id, Chunk chunk) {
        transactions.executeWithoutResult(status -> {
            for (RejectedRow r : chunk.rejected()) {
                jdbc.sql("INSERT INTO source_file_reject (file_id, row_number, order_number, reason) VALUES (?, ?, ?, ?)")
                        .params(id, r.row(), cut(r.orderNumber(), ORDER_NUMBER_CHARS), cut(r.reason(), REASON_CHARS))
                        .update();
            }
            jdbc.sql("""
                    UPDATE source_file SET rows_read = rows_read + ?, orders_accepted = orders_accepted + ?,
                           orders_rejected = orders_rejected + ?, rows_rejected = rows_rejected + ?,
                           orders_done = orders_done + ?, next_row = ?, attempts = 0
                    WHERE id = ?""")
                    .params(chunk.rows(), chunk.accepted(), chunk.rejectedOrders(), chunk.rejected().size(),
                            chunk.orders(), chunk.nextRow(), id)
                    .update();
        });
    }

    List<RejectedRow> rejects(long id) {
        return jdbc.sql("SELECT row_number, order_number, reason FROM source_file_reject WHERE file_id = ?"
                        + " ORDER BY row_number")
                .param(id).query((rs, n) -> new RejectedRow(rs.getInt(1), rs.getString(2), rs.getString(3))).list();
    }

    /** Files newest first, of one region or all, before the id {@code before} when given. */
    List<SourceFile> page(String region, Long before, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM source_file WHERE 1 = 1");
        List<Object> params = new java.util.ArrayList<>();
        if (region != null) {
            sql.append(" AND region = ?");
            params.add(region);
        }
        if (before != null) {
            sql.append(" AND id < ?");
            params.add(before);
        }
        sql.append(" ORDER BY id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        return jdbc.sql(sql.toString()).params(params).query(FileStore::row).list();
    }

    /** What one chunk did: orders and rows handed in, accepted and rejected, and the data row after it. */
    record Chunk(int orders, int rows, int accepted, int rejectedOrders, List<RejectedRow> rejected, int nextRow) {
    }

    private static SourceFile row(ResultSet rs, int n) throws SQLException {
        return new SourceFile(rs.getLong("id"), rs.getString("region"), rs.getString("source"), rs.getString("name"),
                rs.getString("stored_name"), (Long) rs.getObject("size_bytes", Long.class), rs.getString("sha256"),
                FileStatus.valueOf(rs.getString("status")), rs.getInt("rows_read"), rs.getInt("orders_accepted"),
                rs.getInt("orders_rejected"), rs.getInt("rows_rejected"), rs.getInt("orders_done"),
                rs.getInt("next_row"), rs.getString("error"), rs.getObject("duplicate_of", Long.class),
                instant(rs, "received_at"), instant(rs, "finished_at"), lines(rs.getString("ignored_columns")));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC);
    }

    private static String cut(String text, int chars) {
        return text == null || text.length() <= chars ? text : text.substring(0, chars);
    }
}
