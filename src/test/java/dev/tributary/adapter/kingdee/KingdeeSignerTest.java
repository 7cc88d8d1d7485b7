package dev.tributary.adapter.kingdee;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves the app-secret v2.0 headers against values computed independently with javax.crypto. */
class KingdeeSignerTest {

    private final KingdeeSigner signer = new KingdeeSigner(KingdeeSettings.defaults());

    @Test
    void should_sign_the_encoded_path_and_timestamp_as_the_sdks_do() throws Exception {
        String path = KingdeeTesting.SERVICE + "Save.common.kdsvc";
        Map<String, String> headers = signer.headers(path, KingdeeTesting.NOW);

        long ts = KingdeeTesting.NOW.getEpochSecond();
        assertThat(headers).containsEntry("X-Api-Auth-Version", "2.0")
                .containsEntry("X-Api-ClientID", "hubclient")
                .containsEntry("x-api-timestamp", Long.toString(ts))
                .containsEntry("x-api-nonce", Long.toString(ts))
                .containsEntry("x-api-signheaders", "x-api-timestamp,x-api-nonce")
                .containsEntry("X-Api-Signature", KingdeeTesting.expectedApiSignature(path, ts))
                .containsEntry("X-Kd-Appkey", KingdeeTesting.APP_ID)
                .containsEntry("X-Kd-Appdata", KingdeeTesting.expectedAppData())
                .containsEntry("X-Kd-Signature", KingdeeTesting.expectedKdSignature());
    }

    @Test
    void should_encode_every_slash_of_the_path_in_the_signed_content() {
        assertThat(KingdeeSigner.apiSignContent("/k3cloud/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc",
                "1", "1")).isEqualTo("POST\n%2Fk3cloud%2FKingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc"
                        + "\n\nx-api-nonce:1\nx-api-timestamp:1\n");
    }

    @Test
    void should_sign_differently_when_the_clock_moves() {
        String path = KingdeeTesting.SERVICE + "Save.common.kdsvc";
        assertThat(signer.headers(path, KingdeeTesting.NOW).get("X-Api-Signature"))
                .isNotEqualTo(signer.headers(path, KingdeeTesting.NOW.plusSeconds(1)).get("X-Api-Signature"));
    }

    @Test
    void should_keep_the_secret_out_of_the_settings_text() {
        assertThat(KingdeeSettings.defaults().toString()).doesNotContain("test-secret");
    }
}
