package dev.tributary.adapter.kingdee;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetHttp;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a failed K3Cloud answer as an outcome. MsgCode meanings (0 默认, 1 上下文丢失, 2 没有权限,
 * 3 操作标识为空, 4 异常, 5 单据标识为空, 6 数据库操作失败, 7 许可错误, 8 参数错误, 9 指定字段/值不存在,
 * 10 未找到对应数据, 11 验证失败, 12 不可操作, 13 网控冲突, 14 调用限制, 15 禁止管理员登录) are those of
 * the vendor's Web API pages; the table of classes is in {@code adapters/kingdee-k3cloud/README.md}.
 */
final class KingdeeErrors {

    /** What an answer means for the call and its records. */
    enum Kind {
        /** Session/context lost: sign again and repeat once, then transient. */
        SESSION,
        /** Wrong app id/secret, no permission, licence: permanent until someone fixes the configuration. */
        CONFIGURATION,
        TRANSIENT,
        PERMANENT
    }

    static final int CONTEXT_LOST = 1;
    private static final Set<Integer> CONFIGURATION_CODES = Set.of(2, 7, 15);
    /** 网控冲突 (another user holds the record), 调用限制 (rate limit), 数据库操作失败 (deadlock, timeout). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(6, 13, 14);

    private static final List<String> SIGNATURE_WORDS = List.of("签名", "signature", "appsecret", "app secret", "密钥");
    private static final List<String> SESSION_WORDS = List.of("会话信息已丢失", "会话已失效", "上下文丢失", "session");
    private static final List<String> TRANSIENT_WORDS = List.of("网络控制", "网控", "正在被", "繁忙", "busy", "超时",
            "timeout", "timed out", "死锁", "deadlock", "稍后", "调用频率", "too many");

    private static final int MAX_REASON = 1000;

    private KingdeeErrors() {
    }

    static Kind kind(int msgCode, List<KingdeeAnswer.Error> errors) {
        String text = errors.stream().map(KingdeeAnswer.Error::message).collect(Collectors.joining(" "))
                .toLowerCase(Locale.ROOT);
        if (contains(text, SIGNATURE_WORDS)) {
            return Kind.CONFIGURATION;
        }
        if (msgCode == CONTEXT_LOST || contains(text, SESSION_WORDS)) {
            return Kind.SESSION;
        }
        if (CONFIGURATION_CODES.contains(msgCode)) {
            return Kind.CONFIGURATION;
        }
        if (TRANSIENT_CODES.contains(msgCode) || contains(text, TRANSIENT_WORDS)) {
            return Kind.TRANSIENT;
        }
        // validation, missing master data, unknown codes: a retry sends the same data and meets the same rule
        return Kind.PERMANENT;
    }

    /** Whether the whole answer says the session was lost (worth one immediate repeat). */
    static boolean sessionLost(KingdeeAnswer answer) {
        return answer.status() != null && !answer.status().success()
                && kind(answer.status().msgCode(), answer.status().errors()) == Kind.SESSION;
    }

    /** The outcome of a record whose errors are {@code errors} in a failed answer. */
    static DeliveryOutcome outcome(KingdeeAnswer answer, List<KingdeeAnswer.Error> errors, String what) {
        KingdeeAnswer.Status status = answer.status();
        String code = "MsgCode " + status.msgCode();
        String detail = errors.isEmpty() ? "no error detail (ErrorCode " + status.errorCode() + ")"
                : errors.stream().map(KingdeeAnswer.Error::describe).distinct().collect(Collectors.joining("; "));
        String reason = TargetHttp.excerpt(what + ": " + detail + " (" + code + ")", MAX_REASON);
        Integer http = answer.httpStatus();
        return switch (kind(status.msgCode(), errors)) {
            case SESSION -> DeliveryOutcome.retryLater(http, code, "Kingdee session lost, repeated once: " + reason, null);
            case TRANSIENT -> DeliveryOutcome.retryLater(http, code, reason, null);
            case CONFIGURATION -> DeliveryOutcome.permanent(http, code,
                    "Kingdee refused the integration's credentials or rights (check app-id, app-secret, username, acct-id): "
                            + reason);
            case PERMANENT -> DeliveryOutcome.permanent(http, code, reason);
        };
    }

    /**
     * The outcome of an answer that is not a 2xx with a ResponseStatus: by HTTP status (408, 429, 5xx
     * transient, other 4xx permanent), and transient for a 2xx that is not JSON (a gateway or
     * maintenance page, not a judgement on the data).
     */
    static DeliveryOutcome byHttp(KingdeeAnswer answer, String what) {
        int http = answer.httpStatus();
        String detail = answer.status() != null && !answer.status().errors().isEmpty()
                ? answer.status().errors().stream().map(KingdeeAnswer.Error::describe).collect(Collectors.joining("; "))
                : TargetHttp.excerpt(answer.text(), 300);
        String code = "HTTP " + http;
        if (http >= 200 && http < 300) {
            return DeliveryOutcome.retryLater(http, code, what + ": Kingdee answered no JSON: " + detail, null);
        }
        String reason = what + ": Kingdee answered HTTP " + http + (detail.isEmpty() ? "" : ": " + detail);
        if (http == 408 || http == 425 || http == 429 || http >= 500) {
            return DeliveryOutcome.retryLater(http, code, reason, answer.retryAfter());
        }
        return DeliveryOutcome.permanent(http, code, reason);
    }

    private static boolean contains(String text, List<String> words) {
        return words.stream().anyMatch(text::contains);
    }
}
