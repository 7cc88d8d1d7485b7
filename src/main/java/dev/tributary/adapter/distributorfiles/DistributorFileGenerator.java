package dev.tributary.adapter.distributorfiles;

import dev.tributary.validation.UnifiedSocialCreditCode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Writes realistic distributor order files for demos, tests and the benchmark: one distributor's
 * orders of one to four rows, Chinese customers with valid 统一社会信用代码, products and prices,
 * in GBK or UTF-8 CSV with the default Chinese headers. The same seed writes the same file. Rows
 * asked to be bad carry one problem intake rejects (negative quantity, mistyped USCC, unknown
 * currency, unreadable date, a quantity that is not a number), each as an order of its own, so
 * rejecting it rejects no other row.
 */
public final class DistributorFileGenerator {

    /** GBK, as Excel on a Chinese Windows saves "CSV (逗号分隔)". */
    public static final Charset GBK = Charset.forName("GBK");

    /** What a generated file holds: its data rows, its orders, and the data-row numbers that are bad. */
    public record Summary(int rows, int orders, SortedSet<Integer> badRows) {
    }

    private static final String HEADER = "订单号,经销商编码,客户名称,统一社会信用代码,产品编码,产品名称,数量,单价,币种,下单日期";
    private static final String[] CITIES = {"上海", "北京", "深圳", "广州", "杭州", "南京", "苏州", "成都", "武汉", "西安",
        "天津", "重庆", "宁波", "厦门", "青岛", "长沙", "合肥", "福州", "无锡", "佛山"};
    private static final String[] REGION_CODES = {"310000", "110108", "440300", "440100", "330100", "320100", "320500",
        "510100", "420100", "610100", "120000", "500000", "330200", "350200", "370200", "430100", "340100", "350100",
        "320200", "440600"};
    private static final String[] WORDS = {"浦江", "华信", "金陵", "南山", "西湖", "恒达", "瑞丰", "中科", "天成", "鼎盛",
        "宏图", "联创", "新锐", "博远", "汇通", "晨光", "启明", "长风", "凯旋", "嘉禾"};
    private static final String[] TRADES = {"精密机械", "智能装备", "新材料", "电子科技", "数码科技", "自动化", "医疗器械",
        "建筑工程", "物流", "环保科技"};
    private static final String[] FORMS = {"有限公司", "股份有限公司", "有限责任公司"};
    private static final String[][] PRODUCTS = {
        {"BRG-6204", "深沟球轴承 6204", "12.50"}, {"BRG-6205", "深沟球轴承 6205", "15.80"},
        {"SEAL-30", "油封 30×47×7", "1.25"}, {"MTR-750W", "伺服电机 750W", "1860.00"},
        {"DRV-750W", "伺服驱动器 750W", "2380.00"}, {"PLC-S7", "可编程控制器 S7 紧凑型", "4299.00"},
        {"CAB-42U", "机柜 42U，含双开门", "3200.00"}, {"PIPE-DN50", "不锈钢管 DN50", "8.75"},
        {"VALVE-B20", "球阀 B20", "1234.50"}, {"SNS-PX1", "接近开关 PX1", "86.40"},
        {"CBL-RV3", "电缆 RVV 3×1.5（米）", "4.35"}, {"HMI-7", "触摸屏 7寸", "1580.00"},
        {"GEAR-R57", "减速机 R57", "3650.00"}, {"FAN-120", "散热风扇 120mm", "23.90"},
        {"INST-SVC", "上门安装服务", "500.00"}};
    private static final int CUSTOMERS = 300;

    private final long seed;

    public DistributorFileGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes {@code rows} data rows to {@code file} in {@code charset} (UTF-8 with a BOM when
     * {@code bom}), with a problem in each data row of {@code badRows} (1-based, header excluded).
     */
    public Summary write(Path file, int rows, Charset charset, boolean bom, Collection<Integer> badRows)
            throws IOException {
        SortedSet<Integer> bad = new TreeSet<>(badRows == null ? List.of() : badRows);
        Random random = new Random(seed);
        List<String[]> customers = customers(random);
        String distributor = String.format("D-%05d", 1 + random.nextInt(2000));
        LocalDate start = LocalDate.of(2026, 11, 1);
        int orders = 0;
        try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), charset), 1 << 16)) {
            if (bom && charset.equals(StandardCharsets.UTF_8)) {
                out.write('\uFEFF');
            }
            out.write(HEADER);
            out.write("\r\n");
            int row = 1;
            while (row <= rows) {
                orders++;
                String number = distributor.replace("D-", "SO") + String.format("-%07d", orders);
                String[] customer = customers.get(random.nextInt(customers.size()));
                String date = date(start.plusDays(random.nextInt(30)), random.nextInt(3));
                if (bad.contains(row)) {
                    line(out, number, distributor, customer, PRODUCTS[random.nextInt(PRODUCTS.length)],
                            1 + random.nextInt(50), "CNY", date, 1 + random.nextInt(5) + bad.headSet(row).size());
                    row++;
                    continue;
                }
                int lines = 1 + random.nextInt(4);
                for (int i = 0; i < lines && row <= rows && !bad.contains(row); i++, row++) {
                    line(out, number, distributor, customer, PRODUCTS[random.nextInt(PRODUCTS.length)],
                            1 + random.nextInt(200), "CNY", date, 0);
                }
            }
        }
        return new Summary(rows, orders, Collections.unmodifiableSortedSet(bad.headSet(rows + 1)));
    }

    /** {@code count} distinct data-row numbers in 1..{@code rows}, spread at random by {@code seed}. */
    public static SortedSet<Integer> spread(int count, int rows, long seed) {
        Random random = new Random(seed);
        SortedSet<Integer> picked = new TreeSet<>();
        while (picked.size() < Math.min(count, rows)) {
            picked.add(1 + random.nextInt(rows));
        }
        return picked;
    }

    /**
     * Writes a file from the command line, for the demo and the benchmark:
     * {@code <file> <rows> [gbk|utf8|utf8-bom] [bad rows] [seed]}.
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: DistributorFileGenerator <file> <rows> [gbk|utf8|utf8-bom] [bad rows] [seed]");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[1]);
        String encoding = args.length > 2 ? args[2] : "gbk";
        int badCount = args.length > 3 ? Integer.parseInt(args[3]) : 0;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : 42;
        Summary summary = new DistributorFileGenerator(seed).write(Path.of(args[0]), rows,
                encoding.equals("gbk") ? GBK : StandardCharsets.UTF_8, encoding.equals("utf8-bom"),
                spread(badCount, rows, seed));
        System.out.println(summary.rows() + " rows, " + summary.orders() + " orders, bad rows " + summary.badRows());
    }

    /** One row; {@code problem} 0 = none, 1..5 = the kind of problem a bad row carries. */
    private static void line(Writer out, String number, String distributor, String[] customer, String[] product,
            int quantity, String currency, String date, int problem) throws IOException {
        int kind = problem == 0 ? 0 : 1 + (problem - 1) % 5;
        String qty = kind == 1 ? "-" + quantity : kind == 5 ? quantity + "件" : String.valueOf(quantity);
        String uscc = kind == 2 ? mistyped(customer[1]) : customer[1];
        String cur = kind == 3 ? "RMB" : currency;
        String day = kind == 4 ? "下周二" : date;
        out.write(String.join(",", number, distributor, customer[0], uscc, product[0], quoted(product[1]), qty,
                product[2], cur, day));
        out.write("\r\n");
    }

    private static String quoted(String text) {
        return text.contains(",") || text.contains("，") || text.contains("\"")
                ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static String date(LocalDate day, int form) {
        return switch (form) {
            case 0 -> day.toString();
            case 1 -> day.getYear() + "/" + day.getMonthValue() + "/" + day.getDayOfMonth();
            default -> day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
        };
    }

    private static List<String[]> customers(Random random) {
        List<String[]> customers = new ArrayList<>(CUSTOMERS);
        for (int i = 0; i < CUSTOMERS; i++) {
            int city = random.nextInt(CITIES.length);
            String name = CITIES[city] + WORDS[random.nextInt(WORDS.length)] + WORDS[random.nextInt(WORDS.length)]
                    + TRADES[random.nextInt(TRADES.length)] + FORMS[random.nextInt(FORMS.length)];
            StringBuilder code = new StringBuilder("91").append(REGION_CODES[city]);
            String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            for (int k = 0; k < 9; k++) {
                code.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            code.append(UnifiedSocialCreditCode.checkCharacter(code.toString()));
            customers.add(new String[] {name, code.toString()});
        }
        return customers;
    }

    /** The code with a wrong check character, as a typing slip makes it. */
    private static String mistyped(String uscc) {
        char check = uscc.charAt(17);
        char other = check == '0' ? '1' : '0';
        return uscc.substring(0, 17) + other;
    }
}
