package dev.tributary.adapter.fxiaoke;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The answer of {@code POST /cgi/corpAccessToken/get/V2}; {@code expiresIn} in seconds. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TokenAnswer(Integer errorCode, String errorMessage, String corpAccessToken, String corpId, Long expiresIn) {
}
