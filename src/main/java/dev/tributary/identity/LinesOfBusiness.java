package dev.tributary.identity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The line of business a company name states after its brand, in Chinese and in English, as one
 * concept each (光电 and Optoelectronics are both {@code optoelectronic}), so that a Chinese name
 * and an English one can be compared beyond the brand: 欣菲光电 and Xinfei Supply Chain share a
 * brand, not a business.
 */
final class LinesOfBusiness {

    /** Chinese words, longest first when scanned, and the concept each names. */
    private static final Map<String, String> CHINESE = new LinkedHashMap<>();
    /** English word stems (a token starting with one names the concept). */
    private static final Map<String, String> ENGLISH = new LinkedHashMap<>();

    static {
        concept("information", List.of("信息技术", "信息", "资讯", "网络"), List.of("information", "info", "network", "it"));
        concept("supply-chain", List.of("供应链"), List.of("supply"));
        concept("intelligent", List.of("智能"), List.of("intelligent", "smart"));
        concept("technology", List.of("科技", "技术"), List.of("technolog", "tech"));
        concept("optoelectronic", List.of("光电"), List.of("optoelectron", "photonic", "optic"));
        concept("electronic", List.of("电子"), List.of("electron"));
        concept("appliance", List.of("电器", "家电"), List.of("appliance", "electric"));
        concept("trading", List.of("贸易", "商贸", "进出口", "销售", "商务"), List.of("trad", "import", "export", "sales",
                "commerc"));
        concept("machinery", List.of("机械", "机电", "重工"), List.of("machin", "mechan", "heavy"));
        concept("pharmaceutical", List.of("医药", "制药", "药业"), List.of("pharma", "medicin", "drug"));
        concept("medical", List.of("医疗"), List.of("medical", "health"));
        concept("biotech", List.of("生物"), List.of("bio"));
        concept("food", List.of("食品", "饮料", "餐饮"), List.of("food", "beverage", "catering"));
        concept("logistics", List.of("物流", "运输", "货运", "航运"), List.of("logist", "transport", "freight", "shipping"));
        concept("software", List.of("软件"), List.of("software"));
        concept("chemical", List.of("化工", "化学"), List.of("chem"));
        concept("building", List.of("建材", "建筑", "建设", "工程"), List.of("building", "construct", "engineer"));
        concept("materials", List.of("材料"), List.of("material"));
        concept("environment", List.of("环保", "环境"), List.of("environment", "eco"));
        concept("automotive", List.of("汽车", "汽配", "零部件"), List.of("auto", "motor", "vehicle", "parts"));
        concept("textile", List.of("纺织", "服装", "服饰"), List.of("textil", "garment", "apparel", "fashion"));
        concept("energy", List.of("能源", "电力", "新能源"), List.of("energ", "power"));
        concept("packaging", List.of("包装", "印刷"), List.of("packag", "print"));
        concept("industrial", List.of("实业", "工业"), List.of("industr"));
        concept("precision", List.of("精密"), List.of("precision"));
        concept("instruments", List.of("仪器", "仪表"), List.of("instrument", "meter"));
        concept("equipment", List.of("装备", "设备"), List.of("equipment"));
        concept("manufacturing", List.of("制造"), List.of("manufactur"));
        concept("terminal", List.of("终端"), List.of("terminal", "device"));
        concept("investment", List.of("投资", "资本", "金融"), List.of("invest", "capital", "financ"));
        concept("semiconductor", List.of("半导体", "微电子", "芯片"), List.of("semiconductor", "micro", "chip"));
        concept("metal", List.of("钢铁", "金属", "五金"), List.of("steel", "metal", "hardware"));
        concept("plastic", List.of("塑料", "塑胶"), List.of("plastic"));
        concept("furniture", List.of("家具", "家居"), List.of("furniture", "home"));
        concept("agriculture", List.of("农业", "农产品"), List.of("agri", "farm"));
        concept("consulting", List.of("咨询", "顾问"), List.of("consult", "advis"));
        concept("media", List.of("传媒", "文化", "广告"), List.of("media", "cultur", "advertis"));
        concept("realestate", List.of("置业", "地产", "房地产"), List.of("real", "estate", "property", "properties"));
    }

    private LinesOfBusiness() {
    }

    private static void concept(String name, List<String> chinese, List<String> english) {
        chinese.forEach(word -> CHINESE.put(word, name));
        english.forEach(stem -> ENGLISH.put(stem, name));
    }

    /** The concepts the Chinese text names (each word once, longer words first). */
    static Set<String> ofChinese(String text) {
        Set<String> concepts = new LinkedHashSet<>();
        String rest = text;
        List<String> words = CHINESE.keySet().stream().sorted((a, b) -> b.length() - a.length()).toList();
        for (String word : words) {
            if (rest.contains(word)) {
                concepts.add(CHINESE.get(word));
                rest = rest.replace(word, " ");
            }
        }
        return concepts;
    }

    /** The concepts the English tokens name. */
    static Set<String> ofEnglish(List<String> tokens) {
        Set<String> concepts = new LinkedHashSet<>();
        for (String token : tokens) {
            String best = null;
            for (String stem : ENGLISH.keySet()) {
                if (token.startsWith(stem) && (best == null || stem.length() > best.length())) {
                    best = stem;
                }
            }
            if (best != null) {
                concepts.add(ENGLISH.get(best));
            }
        }
        return concepts;
    }
}
