package dev.tributary.identity;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import dev.tributary.canonical.Contact;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.SourceRef;
import dev.tributary.validation.CanonicalValidator;
import dev.tributary.validation.TaxIds;
import dev.tributary.validation.UnifiedSocialCreditCode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Seeded generator of customer records as the regional sales tools export them, each labelled with the real company
 * it belongs to: true duplicates spelled differently per region, plus look-alike different companies (branches,
 * subsidiaries, same brand elsewhere), for measuring pairwise precision and recall of customer matching.
 */
public final class CustomerFixture {

    /** A source record and the id of the real company it describes ({@code company} is the ground truth). */
    public record Source(Customer record, String company) {
    }

    private CustomerFixture() {
    }

    /** About 2.3 records per company (at least 1.6), the same list for the same seed and count. */
    public static List<Source> generate(long seed, int companies) {
        return new Generator(seed).run(companies).sources;
    }

    // ------------------------------------------------------------------ reference data

    private record Region(String region, String system) {
    }

    private static final Region CN_EAST = new Region("cn-east", "fxiaoke");
    private static final Region CN_SOUTH = new Region("cn-south", "fxiaoke");
    private static final Region CN_NORTH = new Region("cn-north", "salesforce");
    private static final Region EU_WEST = new Region("eu-west", "hubspot");
    private static final Region US_WEST = new Region("us-west", "salesforce");
    private static final Region HK = new Region("hk", "hubspot");
    private static final List<Region> REGIONS = List.of(CN_EAST, CN_SOUTH, CN_NORTH, EU_WEST, US_WEST, HK);

    private record City(String name, String province, String areaCode, String pinyin, String division, Region home,
            String[] districts) {

        boolean municipality() {
            return province.equals(name + "市");
        }
    }

    private static final List<City> CITIES = List.of(
            new City("上海", "上海市", "021", "Shanghai", "3101", CN_EAST, d("浦东新区 闵行区 徐汇区 嘉定区 松江区 静安区")),
            new City("北京", "北京市", "010", "Beijing", "1101", CN_NORTH, d("海淀区 朝阳区 丰台区 大兴区 昌平区 顺义区")),
            new City("广州", "广东省", "020", "Guangzhou", "4401", CN_SOUTH, d("天河区 黄埔区 番禺区 白云区 海珠区")),
            new City("深圳", "广东省", "0755", "Shenzhen", "4403", CN_SOUTH, d("南山区 福田区 宝安区 龙岗区 龙华区")),
            new City("杭州", "浙江省", "0571", "Hangzhou", "3301", CN_EAST, d("西湖区 滨江区 余杭区 萧山区 拱墅区")),
            new City("南京", "江苏省", "025", "Nanjing", "3201", CN_EAST, d("玄武区 江宁区 鼓楼区 建邺区 栖霞区")),
            new City("苏州", "江苏省", "0512", "Suzhou", "3205", CN_EAST, d("姑苏区 吴中区 相城区 虎丘区 吴江区")),
            new City("成都", "四川省", "028", "Chengdu", "5101", CN_NORTH, d("武侯区 锦江区 成华区 青羊区 双流区")),
            new City("武汉", "湖北省", "027", "Wuhan", "4201", CN_SOUTH, d("洪山区 江汉区 武昌区 汉阳区 东西湖区")),
            new City("西安", "陕西省", "029", "Xi'an", "6101", CN_NORTH, d("雁塔区 未央区 碑林区 长安区")),
            new City("天津", "天津市", "022", "Tianjin", "1201", CN_NORTH, d("和平区 滨海新区 南开区 河西区")),
            new City("重庆", "重庆市", "023", "Chongqing", "5001", CN_SOUTH, d("渝北区 江北区 九龙坡区 沙坪坝区")),
            new City("长沙", "湖南省", "0731", "Changsha", "4301", CN_SOUTH, d("岳麓区 芙蓉区 雨花区 开福区")),
            new City("青岛", "山东省", "0532", "Qingdao", "3702", CN_NORTH, d("市南区 崂山区 黄岛区 城阳区")),
            new City("厦门", "福建省", "0592", "Xiamen", "3502", CN_SOUTH, d("思明区 湖里区 集美区 海沧区")),
            new City("福州", "福建省", "0591", "Fuzhou", "3501", CN_SOUTH, d("鼓楼区 台江区 仓山区 晋安区")),
            new City("宁波", "浙江省", "0574", "Ningbo", "3302", CN_EAST, d("鄞州区 海曙区 江北区 北仑区")),
            new City("合肥", "安徽省", "0551", "Hefei", "3401", CN_EAST, d("蜀山区 包河区 庐阳区 瑶海区")),
            new City("济南", "山东省", "0531", "Jinan", "3701", CN_NORTH, d("历下区 槐荫区 天桥区 历城区")),
            new City("郑州", "河南省", "0371", "Zhengzhou", "4101", CN_NORTH, d("金水区 二七区 中原区 管城区")),
            new City("东莞", "广东省", "0769", "Dongguan", "4419", CN_SOUTH, d("南城街道 长安镇 虎门镇 松山湖")),
            new City("无锡", "江苏省", "0510", "Wuxi", "3202", CN_EAST, d("梁溪区 滨湖区 新吴区 锡山区")),
            new City("佛山", "广东省", "0757", "Foshan", "4406", CN_SOUTH, d("禅城区 南海区 顺德区")));

    private static final String[] STREETS = d("中山路 人民路 解放路 建设路 长江路 科技路 创业大道 高新大道 工业园路 滨江大道 "
            + "学府路 新华路 张江路 华山路 东方路 金桥路 和平路 友谊路 光明路 南京路 延安路 迎宾大道 科苑路 创新路 文化路 "
            + "朝阳路 海港路 金融街 锦绣路 望江路");

    /** Brand characters: about 300 distinct ones, so random 2–4 character brands rarely collide. */
    private static final String BRAND_CHARS = dedupe("华腾达利恒通顺鑫源泰安康宏伟信诚德嘉瑞祥丰盛永兴隆昌明光辉金银龙凤海天星月阳"
            + "晨曦云峰山川江河湖泽润博雅智慧创新科远航宇宙联合众和美佳乐欣悦蓝青紫红橙翔鹏飞跃腾骏驰宝鼎晶钰铭锐锋捷迅"
            + "迪威维尔特斯克普拓展扬帆启航卓越精英豪杰中国东西南北方圆正大立方元亨贞吉祥如意福寿喜庆春夏秋冬梅兰竹菊松柏"
            + "桥港湾岛洲城邦国际环球世纪新时代前沿先锋领先优质高端尚品臻致诺舜尧禹汤文武成康昭穆宣平桓庄僖闵"
            + "奥亚欧非澳美加英法德意俄日韩泛太平洋太阳能源电力动汇聚融鸿运亿万千百佰仟天地人和合力同心协"
            + "凯旋胜利荣耀辰宸琪琳瑶璟珑瑜璞珂玥骐骥麒麟鲲鹏鹰隼雁鸥鹤鸿燕莺雀林森木本草芳菲蕾茂盈满益增裕富贵"
            + "安全稳健坤乾艮震巽坎离兑易道德仁义礼智廉勤朴实真善美");

    private record Industry(String zh, String en, String categoryZh, String categoryEn) {
    }

    private static final List<Industry> INDUSTRIES = List.of(
            new Industry("科技", "Technology", "信息技术", "Information Technology"),
            new Industry("电子", "Electronics", "电子制造", "Electronics"),
            new Industry("电器", "Electric Appliance", "电子制造", "Electronics"),
            new Industry("贸易", "Trading", "批发零售", "Wholesale"),
            new Industry("机械", "Machinery", "机械制造", "Manufacturing"),
            new Industry("医药", "Pharmaceutical", "医药健康", "Healthcare"),
            new Industry("食品", "Food", "食品饮料", "Food & Beverage"),
            new Industry("物流", "Logistics", "物流运输", "Logistics"),
            new Industry("软件", "Software", "信息技术", "Software"),
            new Industry("化工", "Chemical", "化工", "Chemicals"),
            new Industry("建材", "Building Materials", "建筑建材", "Construction"),
            new Industry("新材料", "New Materials", "材料", "Materials"),
            new Industry("信息技术", "Information Technology", "信息技术", "Information Technology"),
            new Industry("环保", "Environmental Technology", "环保", "Environmental Services"),
            new Industry("汽车零部件", "Auto Parts", "汽车", "Automotive"),
            new Industry("纺织", "Textile", "纺织服装", "Textiles"),
            new Industry("能源", "Energy", "能源", "Energy"),
            new Industry("光电", "Optoelectronics", "电子制造", "Electronics"),
            new Industry("生物", "Biotechnology", "医药健康", "Biotechnology"),
            new Industry("包装", "Packaging", "包装印刷", "Packaging"),
            new Industry("实业", "Industrial", "制造业", "Manufacturing"),
            new Industry("精密", "Precision", "机械制造", "Manufacturing"),
            new Industry("仪器", "Instruments", "仪器仪表", "Instruments"),
            new Industry("智能装备", "Intelligent Equipment", "机械制造", "Manufacturing"));

    /** What subsidiaries of a group are called after the shared brand. */
    private static final List<Industry> SUBSIDIARY_LINES = List.of(
            new Industry("终端", "Terminal", "电子制造", "Electronics"),
            new Industry("软件", "Software", "信息技术", "Software"),
            new Industry("供应链管理", "Supply Chain Management", "物流运输", "Logistics"),
            new Industry("智能科技", "Intelligent Technology", "信息技术", "Information Technology"),
            new Industry("投资", "Investment", "金融", "Financial Services"),
            new Industry("销售", "Sales", "批发零售", "Wholesale"),
            new Industry("精密制造", "Precision Manufacturing", "机械制造", "Manufacturing"));

    private record Form(String zh, String en) {
    }

    private static final Form LTD = new Form("有限公司", "Co., Ltd.");
    private static final Form JOINT_STOCK = new Form("股份有限公司", "Co., Ltd.");
    private static final Form LLC = new Form("有限责任公司", "Co., Ltd.");
    private static final Form GROUP = new Form("集团有限公司", "Group Co., Ltd.");

    private record Country(String code, String tld, String callingCode, String[] forms, String[] prefixes,
            String[] suffixes, String[][] cities, String[] firstNames, String[] lastNames, String[] streets) {
    }

    private static final String[] DESCRIPTORS = d("Technologies Systems Industries Electronics Logistics Pharma Foods "
            + "Materials Instruments Engineering Solutions Trading Machinery Chemicals Software Components Devices");

    private static final List<Country> COUNTRIES = List.of(
            new Country("DE", ".de", "49", d("GmbH GmbH GmbH AG SE"),
                    d("Nord Süd Rhein Alpen Hansa Stern Berg Licht Kraft Fein Blau Main Elb Wald Donau Stahl Isar"),
                    d("werk tec bau haus form technik lux tronic plan metall"),
                    new String[][] {{"Berlin", "Berlin", "30", "10"}, {"München", "Bayern", "89", "80"},
                        {"Hamburg", "Hamburg", "40", "20"}, {"Frankfurt am Main", "Hessen", "69", "60"},
                        {"Stuttgart", "Baden-Württemberg", "711", "70"}},
                    d("Thomas Stefan Andreas Michael Julia Katrin Anna Markus Sabine Jan Lukas Laura"),
                    d("Müller Schmidt Schneider Fischer Weber Meyer Wagner Becker Hoffmann Koch Richter Wolf"),
                    d("Hauptstraße Industriestraße Bahnhofstraße Gartenweg Lindenallee Schillerstraße")),
            new Country("NL", ".nl", "31", d("B.V. B.V. B.V. N.V."),
                    d("Oranje Delta Holland Zuider Polder Groen Maas Vliet Noord Linden Eik Duin Haven"),
                    d("tech stad veld berg lux dam poort meer"),
                    new String[][] {{"Amsterdam", "Noord-Holland", "20", "10"},
                        {"Rotterdam", "Zuid-Holland", "10", "30"}, {"Eindhoven", "Noord-Brabant", "40", "56"}, {"Utrecht", "Utrecht", "30", "35"}},
                    d("Jan Pieter Sanne Lotte Daan Emma Bram Femke Joost Anouk"),
                    d("de Vries Jansen Bakker Visser Smit Meijer Mulder Bos Vos Dekker"),
                    d("Keizersgracht Stationsweg Industrieweg Havenstraat Parallelweg")),
            new Country("US", ".com", "1", d("Inc. Inc. Inc. LLC Corporation"),
                    d("Acme Summit Apex Vertex Harbor Cedar Granite Northstar Evergreen Redwood Keystone Meridian "
                            + "Beacon Sterling Orion Atlas Falcon Liberty Pioneer Horizon Cobalt Ironwood Pacific"),
                    d("- -  point line gate field works labs"),
                    new String[][] {{"San Francisco", "CA", "415", "941"}, {"Seattle", "WA", "206", "981"},
                        {"Austin", "TX", "512", "787"}, {"Boston", "MA", "617", "021"},
                        {"Chicago", "IL", "312", "606"}},
                    d("James Mary Robert Linda Michael Sarah David Jennifer Daniel Emily Kevin Jessica"),
                    d("Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Moore Clark"),
                    d("Market_St Main_St Mission_St Oak_Ave Pine_St Lake_Shore_Dr Congress_Ave")),
            new Country("GB", ".co.uk", "44", d("Ltd. Ltd. Limited PLC"),
                    d("Acme Thames Albion Pennine Crown Oakley Kestrel Wessex Mercia Avon Severn Clyde Sterling "
                            + "Beacon Harbour Lyndon Ashford Kingsway Regent"),
                    d("- - - worth field bridge gate ford"),
                    new String[][] {{"London", "England", "20", "EC1A"}, {"Manchester", "England", "161", "M1"},
                        {"Cambridge", "England", "1223", "CB1"}, {"Birmingham", "England", "121", "B1"},
                        {"Edinburgh", "Scotland", "131", "EH1"}},
                    d("Oliver Amelia Harry Isla George Emily Jack Sophie Charlie Grace"),
                    d("Smith Jones Taylor Brown Williams Wilson Evans Thomas Roberts Walker Wright Hughes"),
                    d("High_Street Station_Road Church_Lane Victoria_Road King_Street Mill_Lane")),
            new Country("JP", ".co.jp", "81", d("Co.,_Ltd. Co.,_Ltd. Corporation K.K."),
                    d("Nippon Tokai Sakura Fuji Kansai Yamato Asahi Hikari Daiichi Shinwa Toyo Kyowa Sanyo Hokuto "
                            + "Chuo Taisei Meiwa Showa"),
                    d("- - - tec den sei kogyo"),
                    new String[][] {{"Tokyo", "Tokyo", "3", "100"}, {"Osaka", "Osaka", "6", "530"},
                        {"Nagoya", "Aichi", "52", "450"}, {"Yokohama", "Kanagawa", "45", "220"}},
                    d("Hiroshi Yuki Takashi Akiko Kenji Naoko Satoshi Yumi Daisuke Emi"),
                    d("Sato Suzuki Takahashi Tanaka Watanabe Ito Yamamoto Nakamura Kobayashi Kato"),
                    d("Marunouchi Umeda Sakae Minatomirai Shinjuku Nihonbashi")));

    private static final String SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
            + "苏魏丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞辉建国文斌宇浩凯晨欣怡婷雪琳博鑫志红丹佳俊";
    private static final String[] TITLES_ZH = d("采购经理 总经理 财务总监 IT主管 采购专员 行政经理 技术总监 副总经理 供应链经理");
    private static final String[] TITLES_EN = d("Purchasing_Manager CEO CFO Head_of_IT Procurement_Lead Office_Manager "
            + "CTO Operations_Director Buyer");
    private static final String[] FREE_MAIL = d("qq.com 163.com 126.com gmail.com");
    private static final String[] SEGMENTS = d("SMB Mid-Market Enterprise");

    /** The characters of a 统一社会信用代码 (GB 32100-2015). */
    private static final String USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static final Instant EPOCH = Instant.parse("2025-01-01T00:00:00Z");

    private static String[] d(String words) {
        return java.util.Arrays.stream(words.trim().split(" +")).map(w -> w.replace('_', ' '))
                .map(w -> w.equals("-") ? "" : w).toArray(String[]::new);
    }

    private static String dedupe(String chars) {
        StringBuilder out = new StringBuilder();
        chars.codePoints().distinct().forEach(out::appendCodePoint);
        return out.toString();
    }

    // ------------------------------------------------------------------ the model of the truth

    private enum Kind {
        BRANCH, SAME_BRAND_OTHER_CITY, NEAR_NAME_SAME_CITY, SUBSIDIARY, SAME_NAME_ABROAD
    }

    /** Two different companies that look alike. */
    private record Relation(Company a, Company b, Kind kind) {
    }

    private record Person(String name, String title, String phone, String email) {
    }

    private static final class Company {
        String id;
        boolean chinese;
        Country country; // latin companies
        // Chinese companies
        String brand;
        City city;
        City prefixCity; // the city written before the brand in the official name, or null
        Industry industry; // the industry word of a Chinese name; the sector of a latin company
        Form form;
        Company branchOf; // a branch office: the parent's name + city + 分公司
        // Latin companies
        String latinRoot;
        String latinForm;
        String[] latinCity; // name, state, area code, postcode prefix
        // shared
        String uscc;
        String taxId;
        String domain;
        boolean needsDomain;
        Company domainOf; // shares the domain of this company
        boolean forceEnglish;
        boolean english; // one source (eu-west or us-west) spells it in pinyin English
        String landline; // digits: area code with its 0 + local number
        String address;
        String segment;
        final List<Person> people = new ArrayList<>();
        int records; // how many source records it has

        String officialName() {
            if (!chinese) {
                return latinRoot + (latinForm.startsWith(",") ? "" : " ") + latinForm;
            }
            if (branchOf != null) {
                return branchOf.officialName() + city.name + "分公司";
            }
            return (prefixCity == null ? "" : prefixCity.name) + brand + industry.zh + form.zh;
        }
    }

    private record Result(List<Source> sources, List<Company> companies, List<Relation> relations) {
    }

    // ------------------------------------------------------------------ generation

    private static final class Generator {
        private final Random rnd;
        private final Set<String> usedBrands = new HashSet<>();
        private final Set<String> usedLatin = new HashSet<>();
        private final Set<String> usedUscc = new HashSet<>();
        private final Set<String> usedTax = new HashSet<>();
        private final Set<String> usedDomains = new HashSet<>();
        private final Set<String> usedSourceIds = new HashSet<>();
        private final Set<String> usedPhones = new HashSet<>();
        private final HanyuPinyinOutputFormat pinyinFormat = new HanyuPinyinOutputFormat();
        private final Map<String, String> traditional = new HashMap<>();

        Generator(long seed) {
            rnd = new Random(seed);
            pinyinFormat.setCaseType(HanyuPinyinCaseType.LOWERCASE);
            pinyinFormat.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
            pinyinFormat.setVCharType(HanyuPinyinVCharType.WITH_V);
        }

        Result run(int count) {
            List<Company> companies = new ArrayList<>();
            List<Relation> relations = new ArrayList<>();
            while (companies.size() < count) {
                Company derived = null;
                if (!companies.isEmpty() && chance(0.065)) {
                    derived = lookAlike(companies, relations);
                }
                Company c = derived != null ? derived : chance(0.8) ? chinese() : latin(null, null);
                c.id = String.format(Locale.ROOT, "CO-%05d", companies.size() + 1);
                companies.add(c);
            }
            for (Company c : companies) {
                people(c);
            }
            int total = 0;
            for (Company c : companies) {
                double r = rnd.nextDouble();
                c.records = r < 0.25 ? 1 : r < 0.6 ? 2 : r < 0.85 ? 3 : 4;
                c.english = c.chinese && (c.branchOf == null ? c.forceEnglish || chance(0.10) : chance(0.15));
                if (c.english) {
                    c.records = Math.max(c.records, 2);
                }
                total += c.records;
            }
            while (total < Math.ceil(1.6 * count)) { // only for tiny counts: the mean is about 2.3
                Company c = companies.get(rnd.nextInt(companies.size()));
                if (c.records < 4) {
                    c.records++;
                    total++;
                }
            }
            List<Source> sources = new ArrayList<>();
            for (Company c : companies) {
                sources.addAll(records(c));
            }
            return new Result(sources, companies, relations);
        }

        // ---------------------------------------------------------- companies

        private Company chinese() {
            Company c = new Company();
            c.chinese = true;
            String brand;
            do {
                brand = brand(rnd.nextDouble() < 0.62 ? 2 : rnd.nextDouble() < 0.72 ? 3 : 4);
            } while (!usedBrands.add(brand));
            c.brand = brand;
            c.city = pick(CITIES);
            c.prefixCity = chance(0.45) ? c.city : null;
            c.industry = pick(INDUSTRIES);
            c.form = pickForm();
            chineseIdentity(c);
            return c;
        }

        private void chineseIdentity(Company c) {
            c.uscc = uscc(c.city);
            c.needsDomain |= chance(0.6);
            c.landline = chance(0.8) ? landline(c.city) : null;
            c.address = address(c.city);
            c.segment = pick(SEGMENTS);
        }

        private Form pickForm() {
            double r = rnd.nextDouble();
            return r < 0.6 ? LTD : r < 0.82 ? JOINT_STOCK : r < 0.92 ? LLC : GROUP;
        }

        private String brand(int length) {
            StringBuilder b = new StringBuilder();
            while (b.length() < length) {
                char ch = BRAND_CHARS.charAt(rnd.nextInt(BRAND_CHARS.length()));
                if (b.indexOf(String.valueOf(ch)) < 0) {
                    b.append(ch);
                }
            }
            return b.toString();
        }

        /** A latin company; {@code root} and {@code country} given for a same-name hard negative. */
        private Company latin(String root, Country country) {
            Company c = new Company();
            c.country = country != null ? country : pick(COUNTRIES);
            String form = pick(c.country.forms);
            if (root == null) {
                do {
                    root = latinRoot(c.country);
                } while (usedLatin.contains(root + "|" + c.country.code));
            }
            usedLatin.add(root + "|" + c.country.code);
            c.latinRoot = root;
            c.latinForm = form;
            c.latinCity = pick(c.country.cities);
            c.industry = pick(INDUSTRIES);
            c.taxId = taxId(c.country);
            c.needsDomain = true;
            c.landline = latinPhone(c.country, c.latinCity[2]);
            c.address = latinAddress(c.country, c.latinCity);
            c.segment = pick(SEGMENTS);
            return c;
        }

        private String latinRoot(Country country) {
            String name = pick(country.prefixes) + pick(country.suffixes);
            if (name.length() < 7 || chance(0.5)) {
                name = name + " " + pick(DESCRIPTORS);
            }
            return name;
        }

        /** A new company that is easily confused with an existing one (a hard negative), or null. */
        private Company lookAlike(List<Company> companies, List<Relation> relations) {
            Company base = companies.get(rnd.nextInt(companies.size()));
            if (base.branchOf != null) {
                return null;
            }
            if (!base.chinese) {
                Country other;
                do {
                    other = pick(COUNTRIES);
                } while (other == base.country);
                if (usedLatin.contains(base.latinRoot + "|" + other.code)) {
                    return null;
                }
                Company twin = latin(base.latinRoot, other);
                relations.add(new Relation(base, twin, Kind.SAME_NAME_ABROAD));
                return twin;
            }
            Kind kind = pick(Kind.values());
            Company c = new Company();
            c.chinese = true;
            c.brand = base.brand;
            switch (kind) {
                case BRANCH -> {
                    c.branchOf = base;
                    c.brand = base.brand;
                    c.industry = base.industry;
                    c.form = base.form;
                    do {
                        c.city = pick(CITIES);
                    } while (c.city == base.city);
                    c.domainOf = base;
                    base.needsDomain = true;
                }
                case SAME_BRAND_OTHER_CITY -> {
                    do {
                        c.city = pick(CITIES);
                    } while (c.city == base.city);
                    base.prefixCity = base.city;
                    c.prefixCity = c.city;
                    c.industry = base.industry;
                    c.form = chance(0.7) ? base.form : pickForm();
                }
                case NEAR_NAME_SAME_CITY -> {
                    c.city = base.city;
                    c.prefixCity = base.prefixCity;
                    c.industry = nearIndustry(base.industry);
                    c.form = chance(0.7) ? base.form : pickForm();
                }
                case SUBSIDIARY -> {
                    c.city = chance(0.5) ? base.city : pick(CITIES);
                    c.prefixCity = chance(0.3) ? c.city : null;
                    Industry line;
                    do {
                        line = pick(SUBSIDIARY_LINES);
                    } while (line.zh.equals(base.industry.zh));
                    c.industry = line;
                    c.form = chance(0.8) ? LTD : LLC;
                    c.domainOf = base;
                    base.needsDomain = true;
                }
                case SAME_NAME_ABROAD -> {
                    Country country = pick(COUNTRIES.subList(0, 4)); // DE, NL, US, GB
                    String root = capitalise(pinyin(base.brand)) + " " + base.industry.en;
                    if (usedLatin.contains(root + "|" + country.code)) {
                        return null;
                    }
                    Company twin = latin(root, country);
                    twin.industry = base.industry;
                    base.forceEnglish = true;
                    relations.add(new Relation(base, twin, kind));
                    return twin;
                }
                default -> throw new IllegalStateException();
            }
            chineseIdentity(c);
            if (c.domainOf != null) {
                c.needsDomain = false;
            }
            relations.add(new Relation(base, c, kind));
            return c;
        }

        private Industry nearIndustry(Industry of) {
            Map<String, String> near = Map.of("电子", "电器 科技 光电", "电器", "电子 科技", "科技", "信息技术 电子 软件",
                    "软件", "科技 信息技术", "信息技术", "科技 软件", "机械", "精密 智能装备", "精密", "机械 仪器",
                    "医药", "生物", "生物", "医药", "化工", "新材料");
            String options = near.get(of.zh);
            String zh = options != null && chance(0.8) ? pick(options.split(" ")) : null;
            for (int i = 0; i < 50; i++) {
                Industry candidate = pick(INDUSTRIES);
                if (!candidate.zh.equals(of.zh) && (zh == null || candidate.zh.equals(zh))) {
                    return candidate;
                }
            }
            return INDUSTRIES.get(0).zh.equals(of.zh) ? INDUSTRIES.get(1) : INDUSTRIES.get(0);
        }

        // ---------------------------------------------------------- identifiers

        private String uscc(City city) {
            while (true) {
                StringBuilder b = new StringBuilder("91");
                b.append(city.division).append(String.format(Locale.ROOT, "%02d", 1 + rnd.nextInt(18)));
                for (int i = 0; i < 9; i++) {
                    b.append(i < 8 || chance(0.7) ? (char) ('0' + rnd.nextInt(10))
                            : USCC_CHARS.charAt(rnd.nextInt(31)));
                }
                String code = b + String.valueOf(UnifiedSocialCreditCode.checkCharacter(b.toString()));
                if (usedUscc.add(code)) {
                    return code;
                }
            }
        }

        private String taxId(Country country) {
            while (true) {
                String digits9 = String.format(Locale.ROOT, "%09d", 100_000_000 + rnd.nextInt(899_999_999));
                String id = switch (country.code) {
                    case "DE" -> "DE" + digits9;
                    case "NL" -> "NL" + digits9 + "B0" + (1 + rnd.nextInt(3));
                    case "US" -> digits9.substring(0, 2) + "-" + digits9.substring(2);
                    case "GB" -> "GB" + digits9;
                    default -> "T" + digits9 + String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000));
                };
                if (usedTax.add(TaxIds.normalise(id))) {
                    return id;
                }
            }
        }

        private String landline(City city) {
            while (true) {
                int localDigits = city.areaCode.length() == 3 ? 8 : rnd.nextDouble() < 0.85 ? 8 : 7;
                StringBuilder b = new StringBuilder(city.areaCode).append((char) ('2' + rnd.nextInt(7)));
                for (int i = 1; i < localDigits; i++) {
                    b.append((char) ('0' + rnd.nextInt(10)));
                }
                if (usedPhones.add(b.toString())) {
                    return b.toString();
                }
            }
        }

        private String mobile() {
            String[] prefixes = d("130 131 132 133 135 136 137 138 139 150 151 152 155 158 159 166 177 180 181 "
                    + "182 185 186 187 188 189 199");
            while (true) {
                String m = pick(prefixes) + String.format(Locale.ROOT, "%08d", rnd.nextInt(100_000_000));
                if (usedPhones.add(m)) {
                    return m;
                }
            }
        }

        /** E.164 without the plus. */
        private String latinPhone(Country country, String area) {
            int nsn = switch (country.code) {
                case "US" -> 10;
                case "NL" -> 9;
                case "DE" -> 10 + (area.length() == 3 ? 1 : 0);
                default -> 10;
            };
            while (true) {
                StringBuilder b = new StringBuilder(country.callingCode).append(area)
                        .append((char) ('2' + rnd.nextInt(7)));
                while (b.length() < country.callingCode.length() + nsn) {
                    b.append((char) ('0' + rnd.nextInt(10)));
                }
                if (usedPhones.add(b.toString())) {
                    return b.toString();
                }
            }
        }

        private String address(City city) {
            String district = pick(city.districts);
            String street = pick(STREETS);
            int number = 1 + rnd.nextInt(rnd.nextDouble() < 0.7 ? 300 : 2000);
            String prefix = city.municipality() ? city.name + "市" : city.province + city.name + "市";
            return prefix + district + street + number + "号";
        }

        private String latinAddress(Country country, String[] city) {
            String street = pick(country.streets);
            int no = 1 + rnd.nextInt(250);
            return switch (country.code) {
                case "US" -> (100 + rnd.nextInt(4900)) + " " + street + ", " + city[0] + ", " + city[1] + " "
                        + city[3] + String.format(Locale.ROOT, "%02d", rnd.nextInt(100));
                case "GB" -> no + " " + street + ", " + city[0] + " " + city[3] + " " + (1 + rnd.nextInt(9))
                        + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26));
                case "JP" -> no + "-" + (1 + rnd.nextInt(20)) + " " + street + ", " + city[0] + " " + city[3] + "-"
                        + String.format(Locale.ROOT, "%04d", rnd.nextInt(10_000));
                case "NL" -> street + " " + no + ", " + city[3] + String.format(Locale.ROOT, "%02d", rnd.nextInt(100))
                        + " " + (char) ('A' + rnd.nextInt(26)) + (char) ('A' + rnd.nextInt(26)) + " " + city[0];
                default -> street + " " + no + ", " + city[3] + String.format(Locale.ROOT, "%03d", rnd.nextInt(1000))
                        + " " + city[0];
            };
        }

        private String domain(Company c) {
            String base;
            String tld;
            if (c.chinese) {
                base = pinyin(c.brand);
                if (base.length() > 12 || chance(0.3)) {
                    base = initials(c.brand) + (chance(0.5) ? pinyin(c.industry.zh.substring(0, 1)) : "");
                }
                if (chance(0.25)) {
                    base = base + initials(c.industry.zh);
                }
                tld = pick(d(".com .com .com.cn .cn"));
            } else {
                String first = c.latinRoot.toLowerCase(Locale.ROOT).replace("ü", "ue").replace("ö", "oe")
                        .replace("ä", "ae");
                base = chance(0.5) ? first.split(" ")[0] : first.replaceAll("[^a-z0-9]+", "-");
                tld = chance(0.7) ? c.country.tld : ".com";
            }
            base = base.replaceAll("[^a-z0-9-]", "");
            String domain = base + tld;
            for (int i = 2; !usedDomains.add(domain); i++) {
                domain = base + (c.chinese && i == 2 && c.city != null ? initials(c.city.name) : String.valueOf(i))
                        + tld;
            }
            return domain;
        }

        // ---------------------------------------------------------- contacts

        private void people(Company c) {
            if (c.domainOf != null) {
                if (c.domainOf.domain == null) {
                    c.domainOf.domain = domain(c.domainOf);
                }
                c.domain = c.domainOf.domain;
            } else if (c.needsDomain && c.domain == null) {
                c.domain = domain(c);
            }
            int n = 1 + (chance(0.45) ? 1 : 0) + (chance(0.2) ? 1 : 0);
            for (int i = 0; i < n; i++) {
                c.people.add(c.chinese ? chinesePerson(c, i) : latinPerson(c, i));
            }
        }

        private Person chinesePerson(Company c, int index) {
            String name = String.valueOf(SURNAMES.charAt(rnd.nextInt(SURNAMES.length())))
                    + GIVEN.charAt(rnd.nextInt(GIVEN.length()))
                    + (chance(0.6) ? String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length()))) : "");
            String phone = index == 0 && c.landline != null ? c.landline
                    : c.landline != null && chance(0.25) ? c.landline : mobile();
            String family = pinyin(name.substring(0, 1));
            String given = pinyin(name.substring(1));
            String email;
            if (c.domain != null && chance(0.9)) {
                String local = switch (rnd.nextInt(4)) {
                    case 0 -> family + given;
                    case 1 -> family + "." + given;
                    case 2 -> given + "." + family;
                    default -> initials(name.substring(1)) + family;
                };
                email = local + "@" + c.domain;
            } else {
                String mail = pick(FREE_MAIL);
                email = (mail.equals("qq.com") ? String.valueOf(10_000_000 + rnd.nextInt(990_000_000))
                        : family + given + (chance(0.6) ? String.valueOf(1970 + rnd.nextInt(35)) : "")) + "@" + mail;
            }
            return new Person(name, pick(TITLES_ZH), phone, email);
        }

        private Person latinPerson(Company c, int index) {
            String first = pick(c.country.firstNames);
            String last = pick(c.country.lastNames);
            String phone = index == 0 || chance(0.3) ? c.landline : latinPhone(c.country, c.latinCity[2]);
            String user = ascii((chance(0.6) ? first + "." : first.substring(0, 1)) + last).toLowerCase(Locale.ROOT)
                    .replace(" ", "");
            String email = chance(0.92) ? user + "@" + c.domain : user + "@gmail.com";
            String name = c.country.code.equals("JP") && chance(0.5) ? last + " " + first : first + " " + last;
            return new Person(name, pick(TITLES_EN), phone, email);
        }

        // ---------------------------------------------------------- source records

        private List<Source> records(Company c) {
            int n = c.records;
            boolean english = c.english;
            List<Region> regions = regions(c, n, english);
            List<Source> out = new ArrayList<>();
            int anchor = -1;
            for (int i = 0; i < regions.size(); i++) {
                Region region = regions.get(i);
                boolean inEnglish = english && i == 0;
                if (english && i == 1) {
                    anchor = i;
                }
                Customer record = c.chinese ? chineseRecord(c, region, inEnglish, inEnglish || i == anchor)
                        : latinRecord(c, region);
                out.add(new Source(record, c.id));
            }
            return out;
        }

        /** {@code n} distinct regions; the first one is eu-west or us-west when the company has an English name. */
        private List<Region> regions(Company c, int n, boolean english) {
            LinkedHashSet<Region> chosen = new LinkedHashSet<>();
            if (english) {
                chosen.add(chance(0.55) ? EU_WEST : US_WEST);
            }
            while (chosen.size() < n) {
                double r = rnd.nextDouble();
                Region region;
                if (c.chinese) {
                    region = r < 0.42 ? c.city.home : r < 0.72 ? pick(List.of(CN_EAST, CN_SOUTH, CN_NORTH))
                            : r < 0.88 ? HK : pick(List.of(EU_WEST, US_WEST));
                } else {
                    Region home = switch (c.country.code) {
                        case "US" -> US_WEST;
                        case "JP" -> chance(0.5) ? HK : US_WEST;
                        default -> EU_WEST;
                    };
                    region = r < 0.45 ? home : pick(REGIONS);
                }
                chosen.add(region);
            }
            return new ArrayList<>(chosen);
        }

        private Customer chineseRecord(Company c, Region region, boolean english, boolean link) {
            boolean trad = !english && chance(region == HK ? 0.8 : 0.04);
            String name = english ? englishName(c) : chineseName(c);
            String uscc = chance(english ? 0.6 : 0.5) ? c.uscc : null;
            String taxId = null;
            if (uscc != null && chance(0.06)) {
                taxId = uscc; // some tools keep the code in their tax number field
                uscc = null;
            }
            String city = chance(0.8) ? (english ? c.city.pinyin : chance(0.5) ? c.city.name + "市" : c.city.name)
                    : null;
            String province = chance(0.65) ? (english ? null : chance(0.7) ? c.city.province
                    : c.city.province.substring(0, c.city.province.length() - 1)) : null;
            String address = chance(0.7) ? chineseAddress(c, english) : null;
            boolean englishTool = region == EU_WEST || region == US_WEST || region == HK;
            String industry = chance(0.8) ? (englishTool ? c.industry.categoryEn : c.industry.categoryZh) : null;
            List<Contact> contacts = contacts(c, link, english, false);
            if (trad) {
                name = traditional(name);
                city = city == null ? null : traditional(city);
                province = province == null ? null : traditional(province);
                address = address == null ? null : traditional(address);
                contacts = contacts.stream().map(p -> new Contact(p.name() == null ? null : traditional(p.name()),
                        p.title() == null ? null : traditional(p.title()), p.phone(), p.email())).toList();
            }
            return customer(name, uscc, taxId, "CN", province, city, address, industry, segment(c), contacts,
                    region);
        }

        private String chineseName(Company c) {
            String formZh = formVariant(c.form);
            String brand = chance(0.05) ? typo(c.brand) : c.brand;
            String suffix = "";
            Company named = c;
            if (c.branchOf != null) {
                named = c.branchOf;
                formZh = chance(0.85) ? c.branchOf.form.zh : formVariant(c.branchOf.form);
                suffix = c.city.name + (chance(0.15) ? "市" : "") + "分公司";
            }
            City prefix = named.prefixCity;
            if (prefix != null && chance(0.3)) {
                prefix = null;
            } else if (prefix == null && chance(0.12)) {
                prefix = named.city;
            }
            String bracket = null;
            if (c.branchOf == null && chance(0.07)) {
                bracket = chance(0.7) ? "（" + c.city.name + "）" : "(" + c.city.name + ")";
                prefix = null;
                if (formZh.isEmpty()) {
                    formZh = "有限公司";
                }
            }
            List<String> parts = new ArrayList<>();
            if (prefix != null) {
                parts.add(prefix.name + (chance(0.1) ? "市" : ""));
            }
            parts.add(brand);
            parts.add(named.industry.zh);
            if (bracket != null) {
                parts.add(bracket);
            }
            if (!formZh.isEmpty()) {
                parts.add(formZh);
            }
            if (!suffix.isEmpty()) {
                parts.add(suffix);
            }
            String name = join(parts);
            if (chance(0.04)) {
                name = fullWidth(name);
            }
            return name;
        }

        private String formVariant(Form form) {
            double r = rnd.nextDouble();
            if (form == LTD) {
                return r < 0.14 ? "股份有限公司" : r < 0.19 ? "有限责任公司" : r < 0.27 ? "" : "有限公司";
            }
            if (form == JOINT_STOCK) {
                return r < 0.2 ? "有限公司" : r < 0.25 ? "股份公司" : r < 0.33 ? "" : "股份有限公司";
            }
            if (form == LLC) {
                return r < 0.3 ? "有限公司" : r < 0.38 ? "" : "有限责任公司";
            }
            return r < 0.15 ? "集团" : r < 0.25 ? "集团股份有限公司" : r < 0.3 ? "" : "集团有限公司";
        }

        private String englishName(Company c) {
            Company named = c.branchOf != null ? c.branchOf : c;
            String brand = capitalise(pinyin(named.brand));
            String form = named.form.en;
            double r = rnd.nextDouble();
            if (form.endsWith("Co., Ltd.")) {
                String variant = r < 0.55 ? "Co., Ltd." : r < 0.7 ? "Co. Ltd." : r < 0.8 ? "Co.,Ltd." : r < 0.9
                        ? "Company Limited" : "Co Ltd";
                form = form.replace("Co., Ltd.", variant);
            }
            String name = (named.prefixCity != null && chance(0.6) ? named.prefixCity.pinyin + " " : "") + brand + " "
                    + named.industry.en + " " + form;
            if (c.branchOf != null) {
                name = name + " " + c.city.pinyin + " Branch";
            }
            if (chance(0.1)) {
                name = name.toUpperCase(Locale.ROOT);
            }
            return name;
        }

        private String chineseAddress(Company c, boolean english) {
            String a = c.address;
            if (english) {
                String number = a.replaceAll(".*?(\\d+)号$", "$1");
                String district = pinyinWords(a.replaceAll("^.*?市(.*?[区镇湖道])\\D.*$", "$1"));
                return "No. " + number + ", " + district + ", " + c.city.pinyin + ", China";
            }
            double r = rnd.nextDouble();
            if (r < 0.25) {
                a = a.replaceFirst("^.*?" + c.city.name + "市", "");
            } else if (r < 0.4 && !c.city.municipality()) {
                a = a.replaceFirst("^" + c.city.province, "");
            }
            if (chance(0.25)) {
                a = a + (chance(0.5) ? (1 + rnd.nextInt(30)) + "楼" : (1 + rnd.nextInt(20)) + "栋"
                        + (100 + rnd.nextInt(1500)) + "室");
            }
            if (chance(0.08)) {
                a = a.replaceAll("(\\d+)号", " $1 号 ");
                a = a.trim();
            }
            if (chance(0.05)) {
                a = fullWidth(a);
            }
            return a;
        }

        private Customer latinRecord(Company c, Region region) {
            String name = latinName(c);
            String taxId = chance(0.5) ? taxIdVariant(c.taxId) : null;
            String city = chance(0.8) ? c.latinCity[0] : null;
            String state = chance(0.5) ? c.latinCity[1] : null;
            String address = chance(0.7) ? (chance(0.15) ? c.address.toUpperCase(Locale.ROOT) : c.address) : null;
            String industry = chance(0.6) ? c.industry.categoryEn : null;
            List<Contact> contacts = contacts(c, false, false, true);
            return customer(name, null, taxId, c.country.code, state, city, address, industry, segment(c), contacts,
                    region);
        }

        private String latinName(Company c) {
            String root = chance(0.05) ? typo(c.latinRoot) : c.latinRoot;
            String form = c.latinForm;
            double r = rnd.nextDouble();
            form = switch (form) {
                case "Co., Ltd." -> r < 0.5 ? form : r < 0.65 ? "Co. Ltd." : r < 0.8 ? "Co Ltd" : r < 0.92
                        ? "Limited" : "";
                case "Ltd." -> r < 0.5 ? form : r < 0.75 ? "Ltd" : r < 0.92 ? "Limited" : "";
                case "Limited" -> r < 0.6 ? form : r < 0.9 ? "Ltd" : "Ltd.";
                case "Inc." -> r < 0.45 ? form : r < 0.7 ? "Inc" : r < 0.85 ? ", Inc." : r < 0.92
                        ? "Incorporated" : "";
                case "LLC" -> r < 0.7 ? form : r < 0.85 ? "L.L.C." : ", LLC";
                case "Corporation" -> r < 0.55 ? form : r < 0.85 ? "Corp." : "Corp";
                case "B.V." -> r < 0.6 ? form : r < 0.9 ? "BV" : "B.V";
                case "N.V." -> r < 0.7 ? form : "NV";
                case "K.K." -> r < 0.6 ? form : r < 0.85 ? "KK" : "Kabushiki Kaisha";
                case "GmbH" -> r < 0.85 ? form : r < 0.95 ? "Gmbh" : "GMBH";
                default -> r < 0.9 ? form : "";
            };
            String name = form.isEmpty() ? root : root + (form.startsWith(",") ? "" : " ") + form;
            double cs = rnd.nextDouble();
            if (cs < 0.15) {
                name = name.toUpperCase(Locale.ROOT);
            } else if (cs < 0.2) {
                name = name.toLowerCase(Locale.ROOT);
            } else if (cs < 0.25) {
                name = name.replace(".", "").replace(",", "");
            }
            if (chance(0.05)) {
                name = name.replace(" ", "  ");
            }
            if (chance(0.03)) {
                name = name + " ";
            }
            return name;
        }

        private String taxIdVariant(String taxId) {
            double r = rnd.nextDouble();
            if (r < 0.75) {
                return taxId;
            }
            if (taxId.matches("\\d{2}-\\d{7}")) {
                return taxId.replace("-", "");
            }
            if (r < 0.9 && taxId.length() == 11) {
                return taxId.substring(0, 2) + " " + taxId.substring(2, 5) + " " + taxId.substring(5, 8) + " "
                        + taxId.substring(8);
            }
            return taxId.toLowerCase(Locale.ROOT);
        }

        /**
         * The contacts of one source record: a subset of the company's people with their phones written in some
         * local format. {@code link}: the main contact with the company phone and e-mail, as the English-name source
         * and its anchor share them.
         */
        private List<Contact> contacts(Company c, boolean link, boolean english, boolean latin) {
            if (!link && chance(0.12)) {
                return List.of();
            }
            List<Person> people = new ArrayList<>();
            if (link) {
                people.add(c.people.get(0));
            }
            for (Person p : c.people) {
                if (!people.contains(p) && (people.isEmpty() || chance(0.45))) {
                    people.add(p);
                }
            }
            List<Contact> out = new ArrayList<>();
            for (Person p : people) {
                boolean main = link && p == c.people.get(0);
                String phone = p.phone;
                if (!main && chance(0.1)) {
                    phone = latin ? latinPhone(c.country, c.latinCity[2]) : mobile();
                } else if (!main && chance(0.08)) {
                    phone = null;
                }
                String written = phone == null ? null
                        : latin ? latinPhoneFormat(phone, c.country) : english ? chinesePhoneE164(phone)
                                : chinesePhoneFormat(phone, !main);
                String email = p.email;
                if (!main && chance(0.15)) {
                    email = null;
                } else if (email != null && chance(0.08)) {
                    email = capitaliseEmail(email);
                }
                String name = english ? pinyinName(p.name) : p.name;
                if (chance(0.05)) {
                    name = null;
                }
                String title = chance(0.7) ? (english ? pick(TITLES_EN) : p.title) : null;
                out.add(new Contact(name, title, written, email));
            }
            return out;
        }

        /** {@code digits} as people write them; {@code partial}: also without area code or with an extension. */
        private String chinesePhoneFormat(String digits, boolean partial) {
            double r = rnd.nextDouble() * (partial ? 1 : 0.9);
            if (digits.startsWith("1")) { // mobile
                String spaced = digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7);
                return r < 0.4 ? digits : r < 0.55 ? spaced : r < 0.68 ? "+86 " + spaced : r < 0.8 ? "+86" + digits
                        : r < 0.9 ? digits.substring(0, 3) + "-" + digits.substring(3, 7) + "-" + digits.substring(7)
                        : r < 0.95 ? fullWidth(digits) : "86-" + digits;
            }
            int areaLength = digits.startsWith("01") || digits.startsWith("02") ? 3 : 4;
            String area = digits.substring(0, areaLength);
            String local = digits.substring(areaLength);
            return r < 0.18 ? chinesePhoneE164(digits) : r < 0.45 ? area + "-" + local : r < 0.58
                    ? "(" + area + ")" + local : r < 0.7 ? area + local : r < 0.76 ? fullWidth(area + "－" + local)
                    : r < 0.84 ? "+86-" + area.substring(1) + "-" + local : r < 0.9 ? area + " " + local
                    : r < 0.95 ? area + "-" + local + (chance(0.5) ? "-" : " 转") + (800 + rnd.nextInt(200))
                    : local;
        }

        private String chinesePhoneE164(String digits) {
            if (digits.startsWith("1")) {
                return "+86 " + digits.substring(0, 3) + " " + digits.substring(3, 7) + " " + digits.substring(7);
            }
            int areaLength = digits.startsWith("01") || digits.startsWith("02") ? 3 : 4;
            String local = digits.substring(areaLength);
            int half = local.length() - 4;
            return "+86 " + digits.substring(1, areaLength) + " " + local.substring(0, half) + " "
                    + local.substring(half);
        }

        private String latinPhoneFormat(String e164, Country country) {
            String cc = country.callingCode;
            String nsn = e164.substring(cc.length());
            double r = rnd.nextDouble();
            if (cc.equals("1")) {
                String a = nsn.substring(0, 3);
                String b = nsn.substring(3, 6);
                String x = nsn.substring(6);
                return r < 0.3 ? "(" + a + ") " + b + "-" + x : r < 0.5 ? a + "-" + b + "-" + x : r < 0.7
                        ? "+1 " + a + " " + b + " " + x : r < 0.85 ? "+" + e164 : "+1 (" + a + ") " + b + "-" + x;
            }
            int area = country.code.equals("JP") ? (nsn.startsWith("3") || nsn.startsWith("6") ? 1 : 2)
                    : country.code.equals("DE") && nsn.length() == 11 ? 3 : country.code.equals("GB")
                    && nsn.startsWith("1") ? (nsn.startsWith("1223") ? 4 : 3) : 2;
            String a = nsn.substring(0, area);
            String rest = nsn.substring(area);
            return r < 0.35 ? "+" + cc + " " + a + " " + rest : r < 0.55 ? "+" + e164 : r < 0.8 ? "0" + a + " " + rest
                    : r < 0.9 ? "00" + cc + " " + a + " " + rest : "+" + cc + " (0)" + a + " " + rest;
        }

        private Customer customer(String name, String uscc, String taxId, String country, String province,
                String city, String address, String industry, String segment, List<Contact> contacts, Region region) {
            Instant updated = EPOCH.plusSeconds(rnd.nextInt(330 * 86_400));
            SourceRef ref = new SourceRef(region.region, region.system, sourceId(region),
                    updated.plus(Duration.ofMinutes(rnd.nextInt(60 * 24 * 30))));
            return new Customer(null, name, null, uscc, taxId, country, province, city, address, industry, segment,
                    null, contacts, region.region, List.of(ref), (long) (1 + rnd.nextInt(30)), updated);
        }

        private String segment(Company c) {
            return chance(0.2) ? null : chance(0.85) ? c.segment : pick(SEGMENTS);
        }

        private String sourceId(Region region) {
            while (true) {
                String id = switch (region.system) {
                    case "fxiaoke" -> hex(24);
                    case "salesforce" -> "001" + alnum(12) + "AA" + (char) ('A' + rnd.nextInt(26));
                    default -> String.valueOf(1_000_000_000L + (rnd.nextLong() & Long.MAX_VALUE) % 90_000_000_000L);
                };
                if (usedSourceIds.add(region.region + "/" + region.system + "/" + id)) {
                    return id;
                }
            }
        }

        // ---------------------------------------------------------- text helpers

        private String typo(String word) {
            for (int attempt = 0; attempt < 20; attempt++) {
                int at = 1 + rnd.nextInt(word.length() - 1);
                String out;
                boolean han = Character.UnicodeScript.of(word.codePointAt(0)) == Character.UnicodeScript.HAN;
                if (han) {
                    out = word.length() >= 3 && chance(0.4) ? word.substring(0, at) + word.substring(at + 1)
                            : word.substring(0, at) + BRAND_CHARS.charAt(rnd.nextInt(BRAND_CHARS.length()))
                                    + word.substring(at + 1);
                    if (usedBrands.contains(out)) {
                        continue;
                    }
                } else {
                    if (!Character.isLetter(word.charAt(at))) {
                        continue;
                    }
                    out = chance(0.5) ? word.substring(0, at) + word.substring(at + 1)
                            : word.substring(0, at) + word.charAt(at) + word.substring(at);
                }
                if (!out.equals(word)) {
                    return out;
                }
            }
            return word;
        }

        private String join(List<String> parts) {
            StringBuilder b = new StringBuilder();
            int space = chance(0.05) ? 1 + rnd.nextInt(Math.max(1, parts.size() - 1)) : -1;
            for (int i = 0; i < parts.size(); i++) {
                if (i == space) {
                    b.append(chance(0.7) ? " " : "\u3000");
                }
                b.append(parts.get(i));
            }
            if (chance(0.03)) {
                b.append(' ');
            }
            return b.toString();
        }

        private String traditional(String text) {
            return traditional.computeIfAbsent(text, ZhConverterUtil::toTraditional);
        }

        private String pinyin(String han) {
            StringBuilder b = new StringBuilder();
            for (char ch : han.toCharArray()) {
                b.append(syllable(ch));
            }
            return b.toString();
        }

        private String pinyinWords(String han) {
            List<String> words = new ArrayList<>();
            StringBuilder word = new StringBuilder();
            for (char ch : han.toCharArray()) {
                if ("区镇湖道".indexOf(ch) >= 0) {
                    words.add(capitalise(word.toString()));
                    word.setLength(0);
                    words.add(ch == '区' ? "District" : ch == '镇' ? "Town" : capitalise(syllable(ch)));
                } else {
                    word.append(syllable(ch));
                }
            }
            if (word.length() > 0) {
                words.add(capitalise(word.toString()));
            }
            return words.stream().filter(w -> !w.isEmpty()).collect(Collectors.joining(" "));
        }

        private String pinyinName(String han) {
            return capitalise(pinyin(han.substring(1))) + " " + capitalise(pinyin(han.substring(0, 1)));
        }

        private String syllable(char ch) {
            try {
                String[] readings = PinyinHelper.toHanyuPinyinStringArray(ch, pinyinFormat);
                return readings == null || readings.length == 0 ? "" : readings[0];
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException(e);
            }
        }

        private String initials(String han) {
            StringBuilder b = new StringBuilder();
            for (char ch : han.toCharArray()) {
                String s = syllable(ch);
                if (!s.isEmpty()) {
                    b.append(s.charAt(0));
                }
            }
            return b.toString();
        }

        private String hex(int length) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append("0123456789abcdef".charAt(rnd.nextInt(16)));
            }
            return b.toString();
        }

        private String alnum(int length) {
            String chars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append(chars.charAt(rnd.nextInt(chars.length())));
            }
            return b.toString();
        }

        private String capitaliseEmail(String email) {
            int at = email.indexOf('@');
            return chance(0.5) ? email.toUpperCase(Locale.ROOT)
                    : capitalise(email.substring(0, at)) + email.substring(at);
        }

        private boolean chance(double p) {
            return rnd.nextDouble() < p;
        }

        private <T> T pick(List<T> items) {
            return items.get(rnd.nextInt(items.size()));
        }

        private <T> T pick(T[] items) {
            return items[rnd.nextInt(items.length)];
        }
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static String ascii(String s) {
        return s.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae").replace("ß", "ss");
    }

    private static String fullWidth(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            if (ch == ' ') {
                b.append('\u3000');
            } else if (ch > ' ' && ch < 0x7F) {
                b.append((char) (ch + 0xFEE0));
            } else {
                b.append(ch);
            }
        }
        return b.toString();
    }

    // ------------------------------------------------------------------ eyeballing

    private static Set<String> linkKeys(Customer c) {
        Set<String> keys = new HashSet<>();
        for (Contact contact : c.contacts()) {
            if (contact.phone() != null) {
                String digits = java.text.Normalizer.normalize(contact.phone(), java.text.Normalizer.Form.NFKC)
                        .replaceAll("\\D", "").replaceFirst("^(0086|86|0)", "");
                keys.add("tel:" + digits);
            }
            if (contact.email() != null) {
                keys.add("dom:" + contact.email().substring(contact.email().indexOf('@') + 1).toLowerCase(Locale.ROOT));
            }
        }
        keys.removeIf(k -> k.matches("dom:(qq|163|126|gmail)\\.com"));
        return keys;
    }

    /** Prints counts and 30 sample lines: company | region/system/sourceId | name | uscc | city | phones | emails. */
    public static void main(String[] args) {
        if (args.length > 2) { // seed, count, how many whole records to print
            generate(Long.parseLong(args[0]), Integer.parseInt(args[1])).stream().limit(Integer.parseInt(args[2]))
                    .forEach(System.out::println);
            return;
        }
        long seed = args.length > 0 ? Long.parseLong(args[0]) : 42L;
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 6500;
        Result result = new Generator(seed).run(count);
        List<Source> sources = result.sources;

        long duplicatePairs = result.companies.stream().mapToLong(c -> (long) c.records * (c.records - 1) / 2).sum();
        long hardPairs = 0;
        Set<String> involved = new HashSet<>();
        Map<Kind, Integer> kinds = new java.util.EnumMap<>(Kind.class);
        for (Relation r : result.relations) {
            hardPairs += (long) r.a.records * r.b.records;
            involved.add(r.a.id);
            involved.add(r.b.id);
            kinds.merge(r.kind, 1, Integer::sum);
        }
        CanonicalValidator validator = new CanonicalValidator();
        int invalid = 0;
        int withUscc = 0;
        int traditional = 0;
        int chineseRecords = 0;
        int longest = 0;
        for (Source s : sources) {
            Customer c = s.record();
            Customer folded = new Customer(null, c.legalName(), null, c.unifiedSocialCreditCode(),
                    c.taxId() == null ? null : TaxIds.normalise(c.taxId()), c.country(), c.province(), c.city(),
                    c.address(), c.industry(), c.segment(), null, c.contacts(), c.ownerRegion(), c.sourceRefs(),
                    c.version(), c.updatedAt());
            boolean sane = !c.legalName().isBlank() && c.legalName().length() <= 100 && c.country() != null
                    && c.sourceRefs().size() == 1 && c.ownerRegion().equals(c.sourceRefs().get(0).region());
            if (!sane || !validator.validate(folded).isEmpty()) {
                if (invalid++ < 5) {
                    System.out.println("INVALID " + c + " " + validator.validate(folded));
                }
            }
            longest = Math.max(longest, c.legalName().length());
            withUscc += c.unifiedSocialCreditCode() != null ? 1 : 0;
            if (c.country().equals("CN")) {
                chineseRecords++;
                traditional += !c.legalName().equals(ZhConverterUtil.toSimple(c.legalName())) ? 1 : 0;
            }
        }
        // every English-named record of a Chinese company shares a phone or an e-mail domain with another source
        Map<String, List<Customer>> byCompany = new HashMap<>();
        for (Source s : sources) {
            byCompany.computeIfAbsent(s.company(), k -> new ArrayList<>()).add(s.record());
        }
        int englishRecords = 0;
        int unlinked = 0;
        for (List<Customer> group : byCompany.values()) {
            for (Customer c : group) {
                if (!c.country().equals("CN") || !c.legalName().matches("[ -~]+")) {
                    continue;
                }
                englishRecords++;
                Set<String> keys = linkKeys(c);
                boolean linked = group.stream().anyMatch(o -> o != c && linkKeys(o).stream().anyMatch(keys::contains));
                if (!linked && unlinked++ < 3) {
                    System.out.println("UNLINKED " + group);
                }
            }
        }
        Set<String> codes = new HashSet<>();
        for (Company c : result.companies) {
            if (c.uscc != null && (!codes.add(c.uscc) || !UnifiedSocialCreditCode.isValid(c.uscc))) {
                throw new IllegalStateException("USCC reused or invalid: " + c.uscc);
            }
        }
        System.out.printf(Locale.ROOT, "English-named CN records %d (of %d Chinese companies), without a shared phone "
                + "or e-mail domain %d%n", englishRecords,
                result.companies.stream().filter(c -> c.chinese).count(), unlinked);
        System.out.printf(Locale.ROOT, "records %d, companies %d, true duplicate pairs %d, hard-negative pairs %d "
                        + "(%d relations %s, %d companies = %.1f%% involved)%n", sources.size(),
                result.companies.size(), duplicatePairs, hardPairs, result.relations.size(), kinds, involved.size(),
                100.0 * involved.size() / result.companies.size());
        System.out.printf(Locale.ROOT, "invalid %d, with USCC %d, traditional %d of %d CN records, longest name %d%n",
                invalid, withUscc, traditional, chineseRecords, longest);

        Random pick = new Random(seed);
        List<Source> sample = new ArrayList<>();
        // one hard-negative pair of each kind (two records of each side at most), then random records
        Set<Kind> shown = new HashSet<>();
        for (Relation r : result.relations) {
            if (shown.add(r.kind)) {
                for (Company side : List.of(r.a, r.b)) {
                    sources.stream().filter(s -> s.company().equals(side.id)).limit(2).forEach(sample::add);
                }
            }
        }
        int lines = Math.min(30, sources.size());
        while (new LinkedHashSet<>(sample).size() < lines) {
            sample.add(sources.get(pick.nextInt(sources.size())));
        }
        for (Source s : new ArrayList<>(new LinkedHashSet<>(sample)).subList(0, lines)) {
            Customer c = s.record();
            SourceRef ref = c.sourceRefs().get(0);
            System.out.println(String.join(" | ", s.company(), ref.key(), c.legalName(),
                    c.unifiedSocialCreditCode() != null ? c.unifiedSocialCreditCode()
                            : c.taxId() != null ? "tax:" + c.taxId() : "-",
                    c.city() == null ? "-" : c.city(),
                    c.contacts().stream().map(Contact::phone).filter(p -> p != null).collect(Collectors.joining(", ")),
                    c.contacts().stream().map(Contact::email).filter(e -> e != null)
                            .collect(Collectors.joining(", "))));
        }
    }
}
