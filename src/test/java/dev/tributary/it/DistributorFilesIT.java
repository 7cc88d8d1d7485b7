package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Proves the distributor-files source end to end: files dropped into cn-east's folder or uploaded to
 * {@code POST /ingest/cn-east/files} reach the CRM and ERP, bad rows are rejected with their row
 * numbers (in {@code /api/files/{id}} and the reject report), the same content is processed once,
 * an unreadable file goes to error/, and the upload is refused as it should be.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DistributorFilesIT extends HubITSupport {

    static final Path FOLDER = Path.of("target/it-data/files-inbox-" + System.nanoTime()).toAbsolutePath();
    static final Charset GBK = Charset.forName("GBK");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void hub(DynamicPropertyRegistry registry) {
        hubProperties(registry, "files");
        String source = "tributary.regions.cn-east.sources.distributor-orders.";
        registry.add(source + "folder", FOLDER::toString);
        registry.add(source + "poll-delay", () -> "100ms");
        registry.add(source + "settle", () -> "100ms");
        registry.add("tributary.files.max-upload-bytes", () -> "200000");
    }

    @Test
    void should_deliver_the_orders_of_a_gbk_file_dropped_into_the_folder_and_file_it_in_done() throws Exception {
        String prefix = unique("GBK");
        byte[] content = OrderFiles.csv(prefix, 12, Set.of(), GBK);
        drop("订单-" + prefix + ".csv", content);

        awaitUpserts(crm(), OrderFiles.orderPath("crm", prefix), 12);
        awaitUpserts(erp(), OrderFiles.orderPath("erp", prefix), 12);
        JsonNode file = awaitFinished("订单-" + prefix + ".csv");
        assertThat(file.get("status").asText()).isEqualTo("DONE");
        assertThat(file.get("rowsRead").asInt()).isEqualTo(12);
        assertThat(file.get("ordersAccepted").asInt()).isEqualTo(12);
        assertThat(file.get("ordersRejected").asInt()).isZero();
        assertThat(file.get("rejectedRows")).isEmpty();
        assertThat(file.get("size").asLong()).isEqualTo(content.length);
        assertThat(Files.exists(FOLDER.resolve("done/订单-" + prefix + ".csv"))).isTrue();
        assertThat(Files.exists(FOLDER.resolve("订单-" + prefix + ".csv"))).isFalse();
    }

    @Test
    void should_reject_exactly_the_37_bad_rows_of_a_10000_row_file_and_deliver_every_other_order() throws Exception {
        String prefix = unique("BIG");
        Random random = new Random(37);
        Set<Integer> bad = new TreeSet<>();
        while (bad.size() < 37) {
            bad.add(1 + random.nextInt(10_000));
        }
        String name = prefix + ".csv";
        long started = System.nanoTime();
        drop(name, OrderFiles.csv(prefix, 10_000, bad, StandardCharsets.UTF_8));

        JsonNode file = awaitFinished(name);
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("10,000-row file read and made durable in %.2f s (%.0f rows/s)%n", seconds, 10_000 / seconds);
        assertThat(file.get("status").asText()).isEqualTo("DONE");
        assertThat(file.get("rowsRead").asInt()).isEqualTo(10_000);
        assertThat(file.get("ordersAccepted").asInt()).isEqualTo(10_000 - 37);
        assertThat(file.get("ordersRejected").asInt()).isEqualTo(37);
        List<Integer> rejectedRows = new ArrayList<>();
        file.get("rejectedRows").forEach(r -> {
            rejectedRows.add(r.get("row").asInt());
            assertThat(r.get("orderNumber").asText()).isEqualTo(prefix + "-" + r.get("row").asInt());
            assertThat(r.get("reason").asText()).isNotBlank();
        });
        assertThat(rejectedRows).containsExactlyElementsOf(bad);

        List<CSVRecord> report = readReport(FOLDER.resolve("done/" + name + ".rejects.csv"));
        assertThat(report).extracting(r -> Integer.parseInt(r.get(0))).containsExactlyElementsOf(bad);
        assertThat(report).extracting(r -> r.get(1)).allMatch(n -> n.startsWith(prefix));

        awaitCount(crm(), OrderFiles.orderPath("crm", prefix), 10_000 - 37);
        awaitCount(erp(), OrderFiles.orderPath("erp", prefix), 10_000 - 37);
        Set<String> delivered = new HashSet<>();
        upserts(erp(), OrderFiles.orderPath("erp", prefix)).forEach(r -> delivered.add(r.getUrl()));
        assertThat(delivered).hasSize(10_000 - 37);
        assertThat(delivered).noneMatch(url -> bad.stream().anyMatch(row -> url.endsWith(prefix + "-" + row)));
    }

    @Test
    void should_process_the_same_content_once_when_it_is_dropped_twice() throws Exception {
        String prefix = unique("TWICE");
        byte[] content = OrderFiles.csv(prefix, 5, Set.of(), StandardCharsets.UTF_8);
        drop("first-" + prefix + ".csv", content);
        JsonNode first = awaitFinished("first-" + prefix + ".csv");
        drop("again-" + prefix + ".csv", content);
        JsonNode again = awaitFinished("again-" + prefix + ".csv");

        assertThat(first.get("status").asText()).isEqualTo("DONE");
        assertThat(again.get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.get("duplicateOf").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(again.get("rowsRead").asInt()).isZero();
        assertThat(Files.exists(FOLDER.resolve("done/again-" + prefix + ".csv"))).isTrue();
        Thread.sleep(500); // anything sent twice would have arrived by now
        awaitUpserts(crm(), OrderFiles.orderPath("crm", prefix), 5);
        awaitUpserts(erp(), OrderFiles.orderPath("erp", prefix), 5);
    }

    @Test
    void should_move_a_file_that_cannot_be_read_to_error_with_the_reason() throws Exception {
        String name = unique("unreadable") + ".csv";
        drop(name, "这不是订单文件\r\nno header of an order file here\r\n".getBytes(StandardCharsets.UTF_8));

        JsonNode file = awaitFinished(name);
        assertThat(file.get("status").asText()).isEqualTo("FAILED");
        assertThat(file.get("error").asText()).isNotBlank();
        assertThat(Files.exists(FOLDER.resolve("error/" + name))).isTrue();
        assertThat(Files.readString(FOLDER.resolve("error/" + name + ".error.txt"))).contains(file.get("error").asText());
    }

    @Test
    void should_accept_an_uploaded_csv_with_202_and_process_it_under_that_id() throws Exception {
        String prefix = unique("UPCSV");
        HttpResponse<String> answer = upload("cn-east", "file", prefix + ".csv",
                OrderFiles.csv(prefix, 3, Set.of(2), GBK), HubCredentials.bearer("cn-east"));

        assertThat(answer.statusCode()).isEqualTo(202);
        long id = json(answer.body()).get("fileId").asLong();
        String status = "/ingest/cn-east/files/" + id;
        assertThat(json(answer.body()).get("status").asText()).isEqualTo(status);
        JsonNode file = awaitStatus(id, "DONE");
        assertThat(file.get("name").asText()).isEqualTo(prefix + ".csv");
        assertThat(file.get("ordersAccepted").asInt()).isEqualTo(2);
        assertThat(file.get("rejectedRows")).hasSize(1);
        assertThat(file.get("rejectedRows").get(0).get("row").asInt()).isEqualTo(2);
        awaitUpserts(crm(), OrderFiles.orderPath("crm", prefix), 2);

        // the uploader reads the outcome with its own key; another region cannot
        HttpResponse<String> own = getWithKey(status, HubCredentials.bearer("cn-east"));
        assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
        assertThat(json(own.body()).at("/rejectedRows/0/row").asInt()).isEqualTo(2);
        assertThat(getWithKey(status, HubCredentials.bearer("cn-south")).statusCode()).isIn(401, 403);
        assertThat(getWithKey("/ingest/cn-south/files/" + id, HubCredentials.bearer("cn-south")).statusCode())
                .as("cn-east's file asked for as cn-south's").isEqualTo(404);
    }

    @Test
    void should_accept_an_uploaded_xlsx_and_process_it() throws Exception {
        String prefix = unique("UPXLSX");
        HttpResponse<String> answer = upload("cn-east", "file", prefix + ".xlsx", xlsx(prefix, 4),
                HubCredentials.bearer("cn-east"));

        assertThat(answer.statusCode()).isEqualTo(202);
        JsonNode file = awaitStatus(json(answer.body()).get("fileId").asLong(), "DONE");
        assertThat(file.get("ordersAccepted").asInt()).isEqualTo(4);
        awaitUpserts(erp(), OrderFiles.orderPath("erp", prefix), 4);
    }

    @Test
    void should_refuse_uploads_that_are_empty_too_large_not_multipart_unauthenticated_or_for_a_region_without_files() {
        byte[] csv = OrderFiles.csv(unique("REFUSED"), 2, Set.of(), StandardCharsets.UTF_8);
        String key = HubCredentials.bearer("cn-east");
        assertThat(upload("cn-east", "other", "a.csv", csv, key).statusCode()).as("no part 'file'").isEqualTo(400);
        assertThat(upload("cn-east", "file", "a.csv", new byte[0], key).statusCode()).as("empty").isEqualTo(400);
        assertThat(upload("cn-east", "file", "big.csv", new byte[300_000], key).statusCode()).as("too large")
                .isEqualTo(413);
        HttpResponse<String> xls = upload("cn-east", "file", "old.xls",
                new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1}, key);
        assertThat(xls.statusCode()).as("an Excel 97-2003 file").isEqualTo(422);
        assertThat(xls.body()).contains("save it as .xlsx or as CSV");
        HttpResponse<String> headerless = upload("cn-east", "file", "notes.csv",
                "订单号,备注\nSO-1,请尽快发货\n".getBytes(StandardCharsets.UTF_8), key);
        assertThat(headerless.statusCode()).as("required columns missing").isEqualTo(422);
        assertThat(headerless.body()).contains("数量");
        assertThat(upload("cn-south", "file", "a.csv", csv, HubCredentials.bearer("cn-south")).statusCode())
                .as("a region without a file source").isEqualTo(404);
        assertThat(upload("cn-east", "file", "a.csv", csv, null).statusCode()).as("no key").isEqualTo(401);
        assertThat(upload("cn-east", "file", "a.csv", csv, HubCredentials.bearer("cn-south")).statusCode())
                .as("another region's key").isIn(401, 403);
        HttpResponse<String> json = send(HttpRequest.newBuilder(uploadUri("cn-east"))
                .header("Content-Type", "application/json").header("Authorization", key)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(json.statusCode()).as("not multipart").isEqualTo(415);
        assertThat(json.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("application/problem+json"));
    }

    @Test
    void should_show_files_to_operators_only() {
        assertThat(getAs(HubCredentials.VIEWER, "/api/files").statusCode()).isEqualTo(403);
        assertThat(getAs(null, "/api/files/1").statusCode()).isEqualTo(401);
        assertThat(getAs(HubCredentials.OPERATOR, "/api/files?region=cn-east&limit=2").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------------------------------------

    static void drop(String name, byte[] content) throws IOException {
        Files.createDirectories(FOLDER);
        // written beside the folder and moved in, as a careful copy tool does; the hub waits anyway
        Path temp = FOLDER.resolve("." + name + ".copying");
        Files.write(temp, content);
        Files.move(temp, FOLDER.resolve(name));
    }

    /** Waits (long: the 10,000-row file) until a target received exactly {@code count} upserts. */
    static void awaitCount(com.github.tomakehurst.wiremock.WireMockServer target, String pathRegex, int count) {
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                .until(() -> upserts(target, pathRegex).size() >= count);
        assertThat(upserts(target, pathRegex)).hasSize(count);
    }

    JsonNode awaitFinished(String name) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode f : json(get("/api/files?region=cn-east&limit=200").body())) {
                if (f.get("name").asText().equals(name)
                        && Set.of("DONE", "FAILED", "DUPLICATE").contains(f.get("status").asText())) {
                    found[0] = f;
                    return true;
                }
            }
            return false;
        });
        return json(get("/api/files/" + found[0].get("id").asLong()).body());
    }

    JsonNode awaitStatus(long id, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> json(get("/api/files/" + id).body()).get("status").asText().equals(status));
        return json(get("/api/files/" + id).body());
    }

    static List<CSVRecord> readReport(Path report) throws IOException {
        byte[] bytes = Files.readAllBytes(report);
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        List<CSVRecord> records = CSVFormat.RFC4180.parse(new java.io.StringReader(text)).getRecords();
        assertThat(records.get(0).values()).containsExactly("row", "订单号", "reason");
        return records.subList(1, records.size());
    }

    static byte[] xlsx(String prefix, int rows) throws IOException {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            var sheet = book.createSheet("订单");
            String[] header = OrderFiles.HEADER.split(",");
            var first = sheet.createRow(0);
            for (int c = 0; c < header.length; c++) {
                first.createCell(c).setCellValue(header[c]);
            }
            for (int r = 1; r <= rows; r++) {
                String[] cells = OrderFiles.row(prefix, r, false).split(",");
                var row = sheet.createRow(r);
                for (int c = 0; c < cells.length; c++) {
                    row.createCell(c).setCellValue(cells[c]);
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    URI uploadUri(String region) {
        return URI.create("http://127.0.0.1:" + port + "/ingest/" + region + "/files");
    }

    HttpResponse<String> getWithKey(String path, String authorization) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", authorization).GET().build());
    }

    HttpResponse<String> upload(String region, String part, String filename, byte[] content, String authorization) {
        String boundary = "----tributary" + System.nanoTime();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(uploadUri(region))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

}
