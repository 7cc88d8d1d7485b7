package dev.tributary.adapter.fxiaoke;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Asks again after a transient failure (HTTP 429 or 5xx, a timeout, a rate-limit errorCode), waiting
 * {@code initial}, then twice as long each time up to {@code max}, at most {@code retries} times;
 * then the failure stands and the poll stops with its watermark where it was.
 */
class Backoff {

    private final Duration initial;
    private final Duration max;
    private final int retries;
    private final Runnable onRetry;

    Backoff(Duration initial, Duration max, int retries, Runnable onRetry) {
        this.initial = initial;
        this.max = max;
        this.retries = retries;
        this.onRetry = onRetry;
    }

    <T> T call(Supplier<T> call) {
        Duration wait = initial;
        for (int attempt = 0; ; attempt++) {
            try {
                return call.get();
            } catch (FxiaokeException e) {
                if (!e.transientFailure() || attempt >= retries) {
                    throw e;
                }
            }
            onRetry.run();
            sleep(wait);
            wait = wait.multipliedBy(2).compareTo(max) > 0 ? max : wait.multipliedBy(2);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FxiaokeException("interrupted while backing off", null, false, e);
        }
    }
}
