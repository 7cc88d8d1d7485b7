package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** 客户 {@code AccountObj} as the query answers it; unknown fields are ignored, every field may be missing. */
@JsonIgnoreProperties(ignoreUnknown = true)
record AccountObj(
        @JsonProperty("_id") String id,
        String name,
        @JsonProperty("account_no") String accountNo,
        @JsonProperty("uniform_social_credit_code") String uniformSocialCreditCode,
        String tel,
        String email,
        String country,
        String province,
        String city,
        String address,
        @JsonProperty("industry_level1") String industry,
        @JsonProperty("account_level") String accountLevel,
        List<String> owner,
        @JsonProperty("last_modified_time") Long lastModifiedTime,
        Long version) {
}
