package dev.tributary.adapter.fxiaoke;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The corp access token of one source, cached until {@code margin} before it expires (Fxiaoke
 * issues it for 7,200 s) and dropped when Fxiaoke calls it invalid, so the next call fetches a new one.
 */
class CorpTokens {

    /** A token, the corp it belongs to, and when it must no longer be used. */
    record Token(String value, String corpId, Instant refreshAt) {
    }

    private final Supplier<TokenAnswer> fetch;
    private final Duration margin;
    private final Clock clock;
    private Token current;

    CorpTokens(Supplier<TokenAnswer> fetch, Duration margin, Clock clock) {
        this.fetch = fetch;
        this.margin = margin;
        this.clock = clock;
    }

    synchronized Token current() {
        if (current == null || !clock.instant().isBefore(current.refreshAt())) {
            TokenAnswer answer = fetch.get();
            long lifetime = answer.expiresIn() == null ? 7200 : answer.expiresIn();
            // a token shorter-lived than the margin is still used once rather than fetched on every call
            Duration usable = Duration.ofSeconds(lifetime).minus(margin);
            if (usable.isNegative() || usable.isZero()) {
                usable = Duration.ofSeconds(lifetime).dividedBy(2);
            }
            current = new Token(answer.corpAccessToken(), answer.corpId(), clock.instant().plus(usable));
        }
        return current;
    }

    /** Fxiaoke refused {@code token}: forget it (unless a newer one replaced it already). */
    synchronized void invalidate(Token token) {
        if (current != null && current.value().equals(token.value())) {
            current = null;
        }
    }
}
