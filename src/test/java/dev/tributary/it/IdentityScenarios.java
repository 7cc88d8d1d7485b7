package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Identity resolution end to end through a real hub (embedded Artemis, WireMock as CRM and ERP), on
 * whichever database the hub runs: one account for one company sold to by two regions, the
 * steward's queue, and merges and unmerges asked for through the API reaching both targets.
 */
final class IdentityScenarios {

    private IdentityScenarios() {
    }

    static void oneAccountForTwoRegions(HubITSupport hub) {
        String id = HubITSupport.unique("ID");
        String code = HubITSupport.uscc(id);
        String east = customer("C-" + id, "fxiaoke", "苏州恒瑞精密机械有限公司", code, "苏州", "+8651262001234",
                "chen@hengrui-" + id.toLowerCase() + ".com");
        String order = HubITSupport.orderItem("SO-" + id, "C-" + id, code);
        assertThat(hub.post("cn-east", "[" + east + "," + order + "]").statusCode()).isEqualTo(202);
        String account = hub.customerIdOf("cn-east", "fxiaoke", "C-" + id);
        // the other region knows the company without its code, in traditional characters and with a local phone
        String south = customer("H-" + id, "hubspot", "蘇州恆瑞精密機械股份有限公司", null, "蘇州市", "0512-6200 1234",
                "sales@hengrui-" + id.toLowerCase() + ".com");
        String opportunity = """
                {"type": "opportunity", "data": {"sourceRef": {"system": "hubspot", "sourceId": "OPP-%s"},
                 "customerRef": {"sourceId": "H-%s"}, "name": "二期产线", "stage": "PROPOSAL", "amount": 880000,
                 "currency": "CNY", "probability": 40, "sourceUpdatedAt": "2026-11-21T09:00:00Z"}}""".formatted(id, id);
        assertThat(hub.post("cn-south", "[" + south + "," + opportunity + "]").statusCode()).isEqualTo(202);

        LoggedRequest deal = HubITSupport.awaitUpserts(hub.crm(), "/crm/opportunities/cn-south.hubspot.OPP-" + id, 1).get(0);
        LoggedRequest sale = HubITSupport.awaitUpserts(hub.crm(), "/crm/orders/cn-east.fxiaoke.SO-" + id, 1).get(0);
        assertThat(hub.json(deal.getBodyAsString()).path("globalcustomerid").asText()).isEqualTo(account);
        assertThat(hub.json(sale.getBodyAsString()).path("globalcustomerid").asText()).isEqualTo(account);
        assertThat(hub.customerIdOf("cn-south", "hubspot", "H-" + id)).isEqualTo(account);

        JsonNode view = hub.json(hub.getAs(HubCredentials.VIEWER, "/api/customers/" + account).body());
        assertThat(view.path("sources")).hasSize(2);
        assertThat(view.at("/golden/unifiedSocialCreditCode").asText()).isEqualTo(code);
        assertThat(view.at("/lineage/unifiedSocialCreditCode/source").asText()).isEqualTo("cn-east/fxiaoke/C-" + id);
        assertThat(view.path("orders")).hasSize(1);
        assertThat(view.at("/openPipeline/PROPOSAL/count").asInt()).isEqualTo(1);
        assertThat(view.at("/golden/tier").asText()).isNotBlank();
        JsonNode found = hub.json(hub.getAs(HubCredentials.VIEWER, "/api/customers?q="
                + URLEncoder.encode("恆瑞精密", StandardCharsets.UTF_8)).body());
        assertThat(found.findValuesAsText("globalCustomerId")).contains(account);
        JsonNode byCode = hub.json(hub.getAs(HubCredentials.VIEWER, "/api/customers?uscc=" + code).body());
        assertThat(byCode.findValuesAsText("globalCustomerId")).containsExactly(account);
    }

    static void stewardApproves(HubITSupport hub) {
        String id = HubITSupport.unique("ST");
        String name = "杭州" + letters(id) + "云图软件有限公司";
        hub.post("cn-east", customer("A-" + id, "fxiaoke", name, null, "杭州", null, null));
        String first = hub.customerIdOf("cn-east", "fxiaoke", "A-" + id);
        // one character of the name mistyped, the same city, no phone or domain: enough to ask, not to merge
        String typo = name.substring(0, 3) + "子" + name.substring(4);
        hub.post("cn-south", customer("B-" + id, "hubspot", typo, null, "杭州", null, null));
        String second = hub.customerIdOf("cn-south", "hubspot", "B-" + id);
        assertThat(second).isNotEqualTo(first);

        JsonNode pair = awaitPair(hub, "cn-south/hubspot/B-" + id);
        assertThat(hub.getAs(HubCredentials.VIEWER, "/api/steward/pairs").statusCode()).isEqualTo(403);
        HttpResponse<String> approved = hub.postAs(HubCredentials.OPERATOR,
                "/api/steward/pairs/" + pair.path("id").asLong() + "/approve", "");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(202);

        await().atMost(Duration.ofSeconds(30)).until(() -> hub.customerIdOf("cn-south", "hubspot", "B-" + id)
                .equals(hub.customerIdOf("cn-east", "fxiaoke", "A-" + id)));
        String survivor = hub.customerIdOf("cn-east", "fxiaoke", "A-" + id);
        String merged = survivor.equals(first) ? second : first;
        for (var target : List.of(hub.crm(), hub.erp())) {
            String prefix = target == hub.crm() ? "/crm" : "/erp";
            JsonNode merge = hub.json(HubITSupport.awaitUpserts(target, prefix + "/customer-merges/" + merged, 1).get(0)
                    .getBodyAsString());
            assertThat(merge.at("/data/survivorId").asText()).isEqualTo(survivor);
            assertThat(merge.path("type").asText()).isEqualTo("dev.tributary.customer-merge.v1");
        }
        HttpResponse<String> again = hub.postAs(HubCredentials.OPERATOR,
                "/api/steward/pairs/" + pair.path("id").asLong() + "/approve", "");
        assertThat(again.statusCode()).as("a decided pair").isEqualTo(409);
    }

    static void mergeAndUnmerge(HubITSupport hub) {
        String id = HubITSupport.unique("MU");
        hub.post("cn-east", customer("A-" + id, "fxiaoke", "宁波" + letters(id) + "海洋渔业有限公司", HubITSupport.uscc(id), "宁波", null, null));
        hub.post("eu-west", customer("B-" + id, "salesforce", "Ocean " + letters(id) + " Trading B.V.", null, "Rotterdam",
                null, null).replace("\"CN\"", "\"NL\""));
        String a = hub.customerIdOf("cn-east", "fxiaoke", "A-" + id);
        String b = hub.customerIdOf("eu-west", "salesforce", "B-" + id);
        assertThat(b).isNotEqualTo(a);

        String body = "{\"globalCustomerId\": \"" + b + "\"}";
        assertThat(hub.postAs(HubCredentials.VIEWER, "/api/customers/" + a + "/merge", body).statusCode()).isEqualTo(403);
        HttpResponse<String> merge = hub.postAs(HubCredentials.OPERATOR, "/api/customers/" + a + "/merge", body);
        assertThat(merge.statusCode()).as(merge.body()).isEqualTo(202);
        HubITSupport.awaitUpserts(hub.crm(), "/crm/customer-merges/" + b, 1);
        HubITSupport.awaitUpserts(hub.erp(), "/erp/customer-merges/" + b, 1);
        assertThat(hub.customerIdOf("eu-west", "salesforce", "B-" + id)).isEqualTo(a);
        assertThat(hub.json(hub.getAs(HubCredentials.VIEWER, "/api/customers/" + b).body()).path("globalCustomerId").asText())
                .as("the merged id is redirected").isEqualTo(a);

        HttpResponse<String> unmerge = hub.postAs(HubCredentials.OPERATOR, "/api/customers/" + a + "/unmerge", body);
        assertThat(unmerge.statusCode()).as(unmerge.body()).isEqualTo(202);
        HubITSupport.awaitUpserts(hub.crm(), "/crm/customer-unmerges/" + b, 1);
        HubITSupport.awaitUpserts(hub.erp(), "/erp/customer-unmerges/" + b, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> hub.customerIdOf("eu-west", "salesforce", "B-" + id).equals(b));
        assertThat(HubITSupport.upserts(hub.crm(), "/crm/customers/" + b)).as("the restored customer is sent again")
                .isNotEmpty();
    }

    static void refusals(HubITSupport hub) {
        String id = HubITSupport.unique("NO");
        hub.post("cn-east", customer("A-" + id, "fxiaoke", "厦门" + letters(id) + "茶业有限公司", HubITSupport.uscc(id), "厦门", null, null));
        hub.post("cn-south", customer("B-" + id, "fxiaoke", "厦门" + letters(id) + "茶业有限公司", HubITSupport.uscc(id + "x"), "厦门", null,
                null));
        String a = hub.customerIdOf("cn-east", "fxiaoke", "A-" + id);
        String b = hub.customerIdOf("cn-south", "fxiaoke", "B-" + id);
        assertThat(b).as("two valid codes are two companies").isNotEqualTo(a);

        HttpResponse<String> refused = hub.postAs(HubCredentials.OPERATOR, "/api/customers/" + a + "/merge",
                "{\"globalCustomerId\": \"" + b + "\"}");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(hub.json(refused.body()).path("detail").asText()).contains("different unified social credit codes");
        assertThat(hub.postAs(HubCredentials.OPERATOR, "/api/customers/GC-0000000000000000/merge",
                "{\"globalCustomerId\": \"" + b + "\"}").statusCode()).isEqualTo(404);
        assertThat(hub.postAs(HubCredentials.OPERATOR, "/api/customers/" + a + "/merge", "{}").statusCode()).isEqualTo(400);
        assertThat(hub.getAs(HubCredentials.VIEWER, "/api/customers/GC-0000000000000000").statusCode()).isEqualTo(404);
        assertThat(hub.getAs(HubCredentials.VIEWER, "/api/customers/by-source/cn-east/fxiaoke/nobody").statusCode())
                .isEqualTo(404);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode awaitPair(HubITSupport hub, String source) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            for (JsonNode pair : hub.json(hub.getAs(HubCredentials.OPERATOR, "/api/steward/pairs?limit=200").body())) {
                if (pair.at("/a/source").asText().equals(source) || pair.at("/b/source").asText().equals(source)) {
                    found[0] = pair;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    /** Letters only, unique per test: a brand no other test's company has. */
    private static String letters(String id) {
        StringBuilder out = new StringBuilder();
        for (char c : id.replaceAll("[^0-9]", "").toCharArray()) {
            out.append("甲乙丙丁戊己庚辛壬癸".charAt(c - '0'));
        }
        return out.length() > 8 ? out.substring(out.length() - 8) : out.toString();
    }

    private static String customer(String sourceId, String system, String name, String code, String city,
            String phone, String email) {
        String contacts = phone == null && email == null ? "[]" : "[{\"name\": \"陈经理\""
                + (phone == null ? "" : ", \"phone\": \"" + phone + "\"")
                + (email == null ? "" : ", \"email\": \"" + email + "\"") + "}]";
        return """
                {"type": "customer", "data": {"legalName": "%s", %s "country": "CN", %s
                 "sourceRefs": [{"system": "%s", "sourceId": "%s"}], "contacts": %s, "version": 1}}"""
                .formatted(name, code == null ? "" : "\"unifiedSocialCreditCode\": \"" + code + "\",",
                        city == null ? "" : "\"city\": \"" + city + "\",", system, sourceId, contacts);
    }
}
