package dev.tributary.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Proves the names operators set: region id upper-cased, dashes as underscores. */
class RegionSettingNamesTest {

    @Test
    void should_name_a_regions_settings_after_its_id() {
        assertThat(RegionSettingNames.apiKey("cn-east")).isEqualTo("HUB_REGION_CN_EAST_API_KEY");
        assertThat(RegionSettingNames.hmacSecret("eu-west")).isEqualTo("HUB_REGION_EU_WEST_HMAC_SECRET");
        assertThat(RegionSettingNames.ratePerSecond("cn-south")).isEqualTo("HUB_REGION_CN_SOUTH_RATE_PER_SECOND");
    }
}
