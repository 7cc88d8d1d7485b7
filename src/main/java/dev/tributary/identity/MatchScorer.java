package dev.tributary.identity;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.text.similarity.JaroWinklerSimilarity;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * Scores how likely two source customers are one company, with the evidence that gave the score.
 * A valid USCC or tax id on both sides decides alone; otherwise the name carries most of the
 * weight (at most 0.8), and a shared phone, a shared corporate e-mail domain, the same city and a
 * similar address add to it. Another country, another city or a branch against its parent caps it
 * below any threshold.
 */
final class MatchScorer {

    private static final LevenshteinDistance LEVENSHTEIN = LevenshteinDistance.getDefaultInstance();
    private static final JaroWinklerSimilarity JARO_WINKLER = new JaroWinklerSimilarity();

    /** The outcome: {@code score} in [0, 1]; {@code decisive} when a code settled it either way. */
    record Match(double score, boolean decisive, List<String> evidence) {

        /** Whether something says these are two companies (codes, country, city, branch), not just too little. */
        boolean contradicted() {
            return decisive ? score == 0 : evidence.stream().anyMatch(CONTRADICTIONS::contains);
        }
    }

    private static final List<String> CONTRADICTIONS = List.of("different countries", "different cities",
            "a branch and a company");

    Match score(CustomerProfile a, CustomerProfile b) {
        List<String> evidence = new ArrayList<>();
        if (a.uscc() != null && b.uscc() != null) {
            boolean same = a.uscc().equals(b.uscc());
            return new Match(same ? 1.0 : 0.0, true, List.of(same ? "same USCC" : "different USCCs"));
        }
        if (a.taxId() != null && b.taxId() != null && same(a.country(), b.country())) {
            boolean same = a.taxId().equals(b.taxId());
            return new Match(same ? 1.0 : 0.0, true, List.of(same ? "same tax id" : "different tax ids"));
        }
        if (a.country() != null && b.country() != null && !a.country().equals(b.country())) {
            return new Match(0.0, false, List.of("different countries"));
        }
        double name = nameSimilarity(a, b);
        evidence.add("name " + round(name));
        double score = 0.8 * name;
        if (name == 1.0 && distinctive(a)) {
            // the whole reduced name, long enough not to be a common word, with nothing against it
            score += 0.1;
            evidence.add("identical name");
        }
        if (shares(a.phones(), b.phones())) {
            score += 0.2;
            evidence.add("same phone");
        }
        if (shares(a.domains(), b.domains())) {
            score += 0.2;
            evidence.add("same e-mail domain");
        }
        boolean otherCity = a.city() != null && b.city() != null && !a.city().equals(b.city());
        if (a.city() != null && a.city().equals(b.city())) {
            score += 0.1;
            evidence.add("same city");
        }
        if (a.address().length() >= 6 && b.address().length() >= 6 && similarity(a.address(), b.address()) >= 0.85) {
            score += 0.1;
            evidence.add("similar address");
        }
        score = Math.min(1.0, score);
        if (otherCity) {
            score = Math.min(score, 0.45);
            evidence.add("different cities");
        }
        if (a.branch() != b.branch()) {
            score = Math.min(score, 0.3);
            evidence.add("a branch and a company");
        }
        return new Match(round(score), false, List.copyOf(evidence));
    }

    /**
     * Name similarity: edit distance over the reduced names in one script; across scripts, the
     * pinyin of the Chinese name against the Latin one (an English name leads with the brand).
     */
    static double nameSimilarity(CustomerProfile a, CustomerProfile b) {
        if (a.core().isEmpty() || b.core().isEmpty()) {
            return 0;
        }
        if (a.han() == b.han()) {
            double edit = similarity(a.core(), b.core());
            if (a.han()) {
                return edit;
            }
            return Math.max(edit, tokenOverlap(a.core(), b.core()));
        }
        CustomerProfile han = a.han() ? a : b;
        CustomerProfile latin = a.han() ? b : a;
        List<String> tokens = List.of(latin.core().split(" "));
        String core = han.core();
        for (int length = Math.min(4, core.length()); length >= 2; length--) {
            if (Names.pinyin(core.substring(0, length)).equals(tokens.get(0))) {
                // the same brand; the business it names after the brand tells a group's companies apart
                var chinese = LinesOfBusiness.ofChinese(core.substring(length));
                var english = LinesOfBusiness.ofEnglish(tokens.subList(1, tokens.size()));
                if (chinese.isEmpty() || english.isEmpty()) {
                    return 0.8;
                }
                return chinese.stream().anyMatch(english::contains) ? 0.95 : 0.5;
            }
        }
        return 0.8 * JARO_WINKLER.apply(han.pinyin(), latin.core().replace(" ", ""));
    }

    /** A name long enough that two companies having it whole is unlikely by chance. */
    private static boolean distinctive(CustomerProfile p) {
        return p.han() ? p.core().length() >= 4 : p.core().length() >= 8 && p.core().contains(" ");
    }

    /** 1 - (edit distance / longer length). */
    static double similarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1 : 1.0 - (double) LEVENSHTEIN.apply(a, b) / longer;
    }

    private static double tokenOverlap(String a, String b) {
        List<String> left = List.of(a.split(" "));
        List<String> right = List.of(b.split(" "));
        long common = left.stream().distinct().filter(right::contains).count();
        return (double) common / Math.max(left.stream().distinct().count(), right.stream().distinct().count());
    }

    private static boolean shares(List<String> a, List<String> b) {
        return a.stream().anyMatch(b::contains);
    }

    private static boolean same(String a, String b) {
        return a == null || b == null || a.equals(b);
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
