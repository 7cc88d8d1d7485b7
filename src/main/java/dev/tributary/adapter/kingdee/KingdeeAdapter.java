package dev.tributary.adapter.kingdee;

import dev.tributary.targets.DeliveryOutcome;
import dev.tributary.targets.TargetAdapter;
import dev.tributary.targets.TargetAdapterFactory;
import dev.tributary.targets.TargetContext;
import dev.tributary.targets.TargetEvent;
import dev.tributary.targets.TargetHttp;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Delivers customers, orders, merges and unmerges to K3Cloud over HTTP, each call signed with the
 * app-secret v2.0 headers (no state: any thread may use it), or with {@code auth-mode: session} the
 * cookie of one shared {@link KingdeeSession}.
 */
class KingdeeAdapter implements TargetAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(KingdeeAdapter.class);

    @Component
    static class Factory implements TargetAdapterFactory {

        @Override
        public String adapter() {
            return KingdeeMapping.ADAPTER;
        }

        @Override
        public TargetAdapter create(TargetContext context) {
            return new KingdeeAdapter(context, context.settings(KingdeeSettings.class));
        }
    }

    private final TargetContext context;
    private final KingdeeSettings settings;
    private final KingdeeSigner signer;
    private final KingdeeDelivery delivery;
    /** The login session when {@code auth-mode: session}; null when every call is signed. */
    private final KingdeeSession session;

    KingdeeAdapter(TargetContext context, KingdeeSettings settings) {
        this.context = context;
        this.settings = settings;
        this.signer = new KingdeeSigner(settings);
        this.delivery = new KingdeeDelivery(settings, context.json());
        this.session = KingdeeSettings.SESSION.equals(settings.authMode()) ? new KingdeeSession(settings, context.json()) : null;
        context.require("acct-id", settings.acctId(), "username", settings.username(), "app-id", settings.appId(),
                "app-secret", settings.appSecret());
    }

    @Override
    public int maxBatch() {
        return settings.batchSize();
    }

    @Override
    public boolean takes(String collection) {
        return !TargetEvent.OPPORTUNITIES.equals(collection);
    }

    @Override
    public List<DeliveryOutcome> deliver(List<TargetEvent> events) {
        return delivery.deliver(events, this::call);
    }

    private KingdeeAnswer call(KingdeeRequest request) throws IOException {
        String url = context.url(request.path());
        Map<String, String> headers = new LinkedHashMap<>();
        String cookie = null;
        if (session == null) {
            headers.putAll(signer.headers(URI.create(url).getPath(), context.clock().instant()));
        } else {
            try {
                cookie = session.cookie(context.http(), context.url(KingdeeSession.LOGIN_PATH));
            } catch (KingdeeSession.Refused refused) {
                return KingdeeAnswer.refused(refused.getMessage());
            }
            headers.put("Cookie", cookie);
        }
        headers.put("Content-Type", "application/json");
        TargetHttp.Response answer = context.http().send("POST", url, headers, context.json().writeValueAsBytes(request.body()));
        KingdeeAnswer read = KingdeeAnswer.read(answer.status(), answer.text(), answer.retryAfter(context.clock().instant()),
                context.json());
        if (session != null && KingdeeErrors.sessionLost(read)) {
            // the delivery repeats the call once; this makes that repeat log in again
            session.lost(cookie);
        }
        return read;
    }
}
