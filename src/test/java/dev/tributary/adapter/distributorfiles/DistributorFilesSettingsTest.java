package dev.tributary.adapter.distributorfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Proves that a mistyped distributor-files setting is refused when the settings are bound (start-up), not when a file is read. */
class DistributorFilesSettingsTest {

    static DistributorFilesSettings settings(String encoding, Map<String, List<String>> headers) {
        return new DistributorFilesSettings("inbox", encoding, headers, Duration.ofSeconds(2), Duration.ofSeconds(1), 500);
    }

    @Test
    void should_refuse_an_unknown_encoding_when_the_settings_are_bound() {
        assertThatThrownBy(() -> settings("GBX", null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("encoding 'GBX' is not a charset");
    }

    @Test
    void should_refuse_a_header_setting_for_a_field_that_does_not_exist_when_the_settings_are_bound() {
        assertThatThrownBy(() -> settings(null, Map.of("qty", List.of("件数")))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("'qty' is not a field of a distributor file");
    }

    @Test
    void should_take_a_known_encoding_and_known_fields() {
        assertThat(settings("GBK", Map.of("quantity", List.of("件数"))).headerMapping().field("件数")).isEqualTo("quantity");
    }
}
