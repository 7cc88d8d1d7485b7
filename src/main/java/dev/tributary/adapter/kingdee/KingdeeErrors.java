package dev.tributary.adapter.kingdee;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetHttp;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
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
        /**
         * Signature or login refused (wrong or rotated app secret): transient, not repeated at once; the
         * events wait (the target's breaker opens) until someone fixes the credentials.
         */
        AUTH,
        /** No permission, licence, administrator login: permanent until someone fixes the configuration. */
        CONFIGURATION,
        TRANSIENT,
        PERMANENT
    }

    static final int CONTEXT_LOST = 1;
    static final String AUTH = "AUTH";
    /** The MsgCodes that say nothing about the cause (默认, 异常): only then is the message's wording read. */
    private static final Set<Integer> UNSPECIFIC_CODES = Set.of(0, 4);
    private static final Set<Integer> CONFIGURATION_CODES = Set.of(2, 7, 15);
    /** 网控冲突 (another user holds the record), 调用限制 (rate limit), 数据库操作失败 (deadlock, timeout). */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(6, 13, 14);

    /** Under MsgCode 1 (上下文丢失) a message naming the signature or secret is a refused signature, not a lost session. */
    private static final List<String> SIGNATURE_WORDS = List.of("签名", "signature", "appsecret", "app secret", "密钥");
    /*
     * Without a telling MsgCode, only the vendor's own phrases count, anchored: a Chinese phrase at the start
     * of a message, an English phrase as the whole message (an optional "please … again" tail aside). Bare
     * words anywhere ("session", "busy", "timeout") would also match a field value quoted in a validation
     * message, which must stay permanent.
     */
    /** After a Chinese phrase: the end, punctuation or a space (not more characters of a name). */
    private static final String CN_END = "(?=$|[\\s:：,，.。;；!！(（\\[【])";
    private static final String TAIL = "(?:\\s*[,.;:，。；：!！]?\\s*(?:please\\s+)?(?:log\\s*in|login|sign\\s*in|try)\\s+again(?:\\s+later)?)?"
            + "\\s*[.!。！]?\\s*";
    private static final Pattern SIGNATURE_PHRASES = Pattern.compile(
            "^\\s*(?:签名验证失败|签名错误|签名无效|签名不正确)" + CN_END
                    + "|^\\s*(?:invalid (?:api )?signature|signature (?:verification |validation |check )?(?:failed|error|is invalid|mismatch))"
                    + TAIL + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SESSION_PHRASES = Pattern.compile(
            "^\\s*(?:会话信息已丢失|会话已失效|会话已过期|上下文丢失)" + CN_END
                    + "|^\\s*(?:(?:the )?session (?:(?:has |is )?(?:lost|expired|timed out|invalid)|information (?:is |has been )?lost)"
                    + "|context (?:is |has been )?lost)" + TAIL + "$", Pattern.CASE_INSENSITIVE);
    private static final Pattern TRANSIENT_PHRASES = Pattern.compile(
            "^\\s*(?:网络控制冲突|网络控制|网控冲突|服务器繁忙|系统繁忙|服务繁忙|数据库繁忙|请求超时|操作超时|执行超时|连接超时|数据库死锁|调用频率超限|调用频率过高)" + CN_END
                    + "|^\\s*(?:(?:the )?(?:server|system|service) (?:is )?busy|(?:request |operation |execution )?(?:timeout|timed out)"
                    + "|deadlock(?: detected)?|too many requests)" + TAIL + "$", Pattern.CASE_INSENSITIVE);

    private static final int MAX_REASON = 1000;

    private KingdeeErrors() {
    }

    /**
     * The class by MsgCode first; the wording decides only between a lost session and a refused signature
     * under MsgCode 1, and, by anchored vendor phrases, under a MsgCode that names no cause (0, 4).
     */
    static Kind kind(int msgCode, List<KingdeeAnswer.Error> errors) {
        if (msgCode == CONTEXT_LOST) {
            String text = errors.stream().map(KingdeeAnswer.Error::message).collect(Collectors.joining(" "))
                    .toLowerCase(Locale.ROOT);
            return SIGNATURE_WORDS.stream().anyMatch(text::contains) ? Kind.AUTH : Kind.SESSION;
        }
        if (CONFIGURATION_CODES.contains(msgCode)) {
            return Kind.CONFIGURATION;
        }
        if (TRANSIENT_CODES.contains(msgCode)) {
            return Kind.TRANSIENT;
        }
        if (UNSPECIFIC_CODES.contains(msgCode)) {
            if (says(errors, SIGNATURE_PHRASES)) {
                return Kind.AUTH;
            }
            if (says(errors, SESSION_PHRASES)) {
                return Kind.SESSION;
            }
            if (says(errors, TRANSIENT_PHRASES)) {
                return Kind.TRANSIENT;
            }
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
        Kind kind = KingdeeAnswer.LOGIN_REFUSED.equals(status.errorCode()) ? Kind.AUTH : kind(status.msgCode(), errors);
        return switch (kind) {
            case SESSION -> DeliveryOutcome.retryLater(http, code, "Kingdee session lost, repeated once: " + reason, null);
            case AUTH -> DeliveryOutcome.retryLater(http, AUTH, "Kingdee refused the integration's signature or login "
                    + "(a rotated or mistyped app-secret, or app-id, username, acct-id); the events wait until the target's "
                    + "credentials are fixed: " + reason, null);
            case TRANSIENT -> DeliveryOutcome.retryLater(http, code, reason, null);
            case CONFIGURATION -> DeliveryOutcome.permanent(http, code,
                    "Kingdee refused the integration's rights or licence (check the integration user's permissions, "
                            + "the licence, app-id, username, acct-id): "
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

    private static boolean says(List<KingdeeAnswer.Error> errors, Pattern phrases) {
        return errors.stream().map(KingdeeAnswer.Error::message).anyMatch(m -> m != null && phrases.matcher(m).find());
    }
}
