package dev.tributary.identity;

import com.github.houbb.opencc4j.util.ZhConverterUtil;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

/**
 * Company names and places reduced to what tells companies apart: width, case, brackets and
 * traditional characters folded, the company-form words and a leading city or province set aside.
 */
final class Names {

    /** Longest first, so 股份有限公司 is taken whole and not as 有限公司 after 股份. */
    private static final List<String> CJK_FORMS = sortedLongestFirst(List.of(
            "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司",
            "股份公司", "集团公司", "控股有限公司", "总公司", "集团", "公司", "控股"));

    private static final Set<String> LATIN_FORMS = Set.of("co", "company", "ltd", "limited", "inc", "incorporated",
            "corp", "corporation", "gmbh", "ag", "bv", "nv", "sa", "sas", "sarl", "srl", "spa", "llc", "llp", "plc",
            "pte", "pty", "kk", "oy", "ab", "as", "se", "group", "holding", "holdings", "the");

    private static final List<String> BRANCH_MARKERS = List.of("分公司", "分店", "办事处", "分厂", "分部", "分行");
    private static final Set<String> LATIN_BRANCH = Set.of("branch", "representative", "office");

    /** Provinces, autonomous regions and the larger cities, as they lead a company name. */
    private static final List<String> PLACES = sortedLongestFirst(List.of(
            "北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
            "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
            "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门", "广州", "深圳", "杭州", "南京", "苏州",
            "成都", "武汉", "西安", "长沙", "青岛", "厦门", "福州", "宁波", "合肥", "济南", "郑州", "沈阳", "大连",
            "长春", "哈尔滨", "石家庄", "太原", "南昌", "南宁", "昆明", "贵阳", "兰州", "西宁", "银川", "乌鲁木齐",
            "拉萨", "海口", "三亚", "呼和浩特", "无锡", "常州", "南通", "徐州", "温州", "绍兴", "嘉兴", "金华", "台州",
            "佛山", "东莞", "珠海", "中山", "惠州", "汕头", "泉州", "漳州", "烟台", "潍坊", "临沂", "洛阳", "宜昌",
            "襄阳", "株洲", "湘潭", "绵阳", "柳州", "桂林", "扬州", "镇江", "盐城", "泰州", "芜湖", "唐山", "保定",
            "廊坊", "鞍山", "吉林市", "大庆", "包头", "鄂尔多斯", "昆山", "江门", "湛江", "义乌", "舟山"));

    private static final Pattern NOT_NAME = Pattern.compile("[\\s\\p{Punct}\\p{IsPunctuation}·・]+");
    private static final Pattern BRACKETED = Pattern.compile("[(\\[]([^()\\[\\]]*)[)\\]]");
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");

    private static final HanyuPinyinOutputFormat PINYIN = new HanyuPinyinOutputFormat();

    static {
        PINYIN.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        PINYIN.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        PINYIN.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private Names() {
    }

    /** The places in pinyin, as they lead an English company name (after the pinyin format is set up). */
    private static final class LatinPlaces {
        static final Set<String> NAMES = PLACES.stream().map(Names::pinyin)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** A name reduced for comparison: its core, a place it named, and whether it names a branch. */
    record Name(String core, String place, boolean branch, boolean han) {
    }

    /** Width (NFKC), case and script folded: the form every comparison starts from. */
    static String fold(String text) {
        if (text == null) {
            return "";
        }
        String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip();
        return HAN.matcher(folded).find() ? ZhConverterUtil.toSimple(folded) : folded;
    }

    static Name name(String legalName) {
        String text = fold(legalName);
        boolean han = HAN.matcher(text).find();
        String place = null;
        // a place in brackets, 华腾电子（上海）有限公司, names where the company is; other bracketed text stays
        var bracketed = BRACKETED.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (bracketed.find()) {
            String inside = bracketed.group(1).strip();
            String asPlace = place(inside);
            if (asPlace != null && place == null) {
                place = asPlace;
                bracketed.appendReplacement(rest, " ");
            } else {
                bracketed.appendReplacement(rest, " " + java.util.regex.Matcher.quoteReplacement(inside) + " ");
            }
        }
        bracketed.appendTail(rest);
        text = rest.toString();
        if (han) {
            String compact = NOT_NAME.matcher(text).replaceAll("");
            boolean branch = BRANCH_MARKERS.stream().anyMatch(compact::contains);
            for (String p : PLACES) {
                if (compact.startsWith(p) && compact.length() > p.length() + 1) {
                    place = place == null ? p : place;
                    compact = compact.substring(p.length());
                    compact = stripPrefix(compact, "市", "省");
                    break;
                }
            }
            for (String form : CJK_FORMS) {
                int at = compact.lastIndexOf(form);
                if (at > 0 && at + form.length() == compact.length()) {
                    compact = compact.substring(0, at);
                    break;
                }
            }
            // a form word before the branch part: 华腾电子有限公司上海分公司
            for (String form : CJK_FORMS) {
                int at = compact.indexOf(form);
                if (at > 0 && branch) {
                    compact = compact.substring(0, at) + compact.substring(at + form.length());
                    break;
                }
            }
            return new Name(compact, place, branch, true);
        }
        List<String> tokens = new ArrayList<>();
        boolean branch = false;
        for (String token : NOT_NAME.split(text.replace("&", " "))) {
            if (token.isEmpty()) {
                continue;
            }
            if (tokens.isEmpty() && LatinPlaces.NAMES.contains(token) && place == null) {
                // Nanjing Hewei Information Technology: the leading city, as in a Chinese name
                place = token;
                continue;
            }
            branch |= LATIN_BRANCH.contains(token);
            if (!LATIN_FORMS.contains(token)) {
                tokens.add(token);
            }
        }
        if (tokens.isEmpty() && place != null) {
            tokens.add(place);
        }
        return new Name(String.join(" ", tokens), place, branch, false);
    }

    /** The place a text names (上海, 上海市, 浙江省), or null. */
    static String place(String text) {
        String folded = stripSuffix(NOT_NAME.matcher(fold(text)).replaceAll(""), "市", "省", "区");
        if (folded.isEmpty()) {
            return null;
        }
        for (String p : PLACES) {
            if (folded.equals(p)) {
                return p;
            }
        }
        return HAN.matcher(folded).find() ? null : folded;
    }

    /** The city of a record, from its city field, folded (上海市 and 上海 are one city). */
    static String city(String city) {
        if (city == null || city.isBlank()) {
            return null;
        }
        String folded = stripSuffix(NOT_NAME.matcher(fold(city)).replaceAll(""), "市");
        return folded.isEmpty() ? null : folded;
    }

    /** Toneless pinyin of the Han characters of {@code text}, other letters kept: 华腾 -> huateng. */
    static String pinyin(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            try {
                String[] readings = Character.isIdeographic(c) ? PinyinHelper.toHanyuPinyinStringArray(c, PINYIN) : null;
                if (readings != null && readings.length > 0) {
                    out.append(readings[0]);
                } else if (Character.isLetterOrDigit(c)) {
                    out.append(c);
                }
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException("the pinyin format is fixed and valid", e);
            }
        }
        return out.toString();
    }

    /** Lower-cased text with only letters and digits, for addresses. */
    static String compact(String text) {
        return text == null ? "" : NOT_NAME.matcher(fold(text)).replaceAll("");
    }

    private static String stripPrefix(String text, String... prefixes) {
        for (String p : prefixes) {
            if (text.startsWith(p) && text.length() > p.length()) {
                return text.substring(p.length());
            }
        }
        return text;
    }

    private static String stripSuffix(String text, String... suffixes) {
        for (String s : suffixes) {
            if (text.endsWith(s) && text.length() > s.length() + 1) {
                return text.substring(0, text.length() - s.length());
            }
        }
        return text;
    }

    private static List<String> sortedLongestFirst(List<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }
}
