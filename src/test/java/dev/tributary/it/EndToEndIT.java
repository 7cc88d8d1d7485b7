package dev.tributary.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tributary.config.HubProperties;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Proves that a canonical order posted to ingest reaches the HQ CRM and ERP, on H2. */
class EndToEndIT extends H2HubIT {

    @Autowired
    HubProperties hubProperties;

    @Test
    void should_deliver_a_posted_order_to_crm_and_erp() {
        EndToEndScenario.orderTravelsEndToEnd(this);
    }

    @Test
    void should_take_the_delivery_limit_from_the_hub_settings() {
        // failsafe sets -Dtributary.delivery.max-attempts=4
        assertThat(hubProperties.delivery().maxAttempts()).isEqualTo(4);
    }

    @Test
    void should_deliver_customer_and_opportunity_with_their_upsert_keys() {
        String id = unique("C");
        String code = uscc(id);
        String customer = """
                {"type": "customer", "data": {"legalName": "广州珠江物流（集团）有限公司", "unifiedSocialCreditCode": "%s",
                 "country": "cn", "city": "广州", "sourceRefs": [{"system": "hubspot", "sourceId": "%s"}],
                 "contacts": [{"name": "刘洋", "phone": "+8613500135005", "email": "liu@example.cn"}],
                 "version": 3, "updatedAt": "2026-11-20T08:00:00Z"}}""".formatted(code, id);
        String opportunity = """
                {"type": "opportunity", "data": {"sourceRef": {"system": "hubspot", "sourceId": "OPP-%s"},
                 "customerRef": {"sourceId": "%s", "unifiedSocialCreditCode": "%s"}, "name": "扩产项目",
                 "stage": "PROPOSAL", "sourceStage": "方案报价", "amount": 250000, "currency": "CNY",
                 "probability": 40, "sourceUpdatedAt": "2026-11-21T09:00:00Z"}}""".formatted(id, id, code);
        HttpResponse<String> response = post("cn-south", "[" + customer + "," + opportunity + "]");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String globalId = customerIdOf("cn-south", "hubspot", id);

        LoggedRequest account = awaitUpserts(crm(), "/crm/customers/" + globalId, 1).get(0);
        JsonNode event = json(account.getBodyAsString());
        assertThat(event.path("type").asText()).isEqualTo("dev.tributary.customer.v1");
        assertThat(event.at("/data/globalCustomerId").asText()).isEqualTo(globalId);
        assertThat(event.at("/data/country").asText()).isEqualTo("CN");
        awaitUpserts(erp(), "/erp/opportunities/cn-south.hubspot.OPP-" + id, 1);
        awaitUpserts(crm(), "/crm/opportunities/cn-south.hubspot.OPP-" + id, 1);
    }

    @Test
    void should_deliver_a_customer_whose_contact_phones_are_local_or_unreadable_with_warnings_on_the_event() {
        String id = unique("C");
        String customer = """
                {"type": "customer", "data": {"legalName": "长春一汽  配套零部件有限公司", "unifiedSocialCreditCode": "%s",
                 "country": "CN", "city": "长春", "sourceRefs": [{"system": "fxiaoke", "sourceId": "%s"}],
                 "contacts": [{"name": "赵强", "phone": "0431-22576948 转 8012", "email": " Zhao@FAW-Parts.cn "},
                              {"name": "前台", "phone": "找前台"}],
                 "version": 1}}""".formatted(uscc(id), id);

        HttpResponse<String> response = post("cn-east", customer);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = json(response.body()).at("/accepted/0");
        assertThat(accepted.at("/warnings/0/field").asText()).isEqualTo("data.contacts[1].phone");
        String globalId = customerIdOf("cn-east", "fxiaoke", id);
        JsonNode event = json(awaitUpserts(crm(), "/crm/customers/" + globalId, 1).get(0).getBodyAsString());
        assertThat(event.at("/data/contacts/0/phone").asText()).isEqualTo("+8643122576948");
        assertThat(event.at("/data/contacts/0/phoneExtension").asText()).isEqualTo("8012");
        assertThat(event.at("/data/contacts/0/email").asText()).isEqualTo("zhao@faw-parts.cn");
        assertThat(event.at("/data/contacts/1/phone").asText()).isEqualTo("找前台");
        JsonNode warnings = json(event.path("dataquality").asText());
        assertThat(warnings.at("/0/field").asText()).isEqualTo("contacts[1].phone");
        assertThat(warnings.at("/0/message").asText()).contains("'找前台'").endsWith("kept as written");
    }

    @Test
    void should_report_flow_in_stats_metrics_and_health() {
        EndToEndScenario.orderTravelsEndToEnd(this);
        JsonNode stats = json(get("/api/stats").body());
        assertThat(stats.at("/regions/cn-east/received").asLong()).isPositive();
        assertThat(stats.at("/regions/cn-east/delivered/crm").asLong()).isPositive();
        assertThat(stats.at("/regions/cn-east/delivered/erp").asLong()).isPositive();
        JsonNode received = json(get("/actuator/metrics/tributary.events.received?tag=region:cn-east").body());
        assertThat(received.at("/measurements/0/value").asDouble()).isPositive();
        JsonNode delivered = json(get("/actuator/metrics/tributary.events.delivered?tag=region:cn-east&tag=target:erp").body());
        assertThat(delivered.at("/measurements/0/value").asDouble()).isPositive();
        JsonNode health = json(get("/actuator/health").body());
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/jms/status").asText()).isEqualTo("UP");
        assertThat(health.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void should_serve_the_published_schemas() {
        HttpResponse<String> order = get("/api/schema/order");
        assertThat(order.statusCode()).isEqualTo(200);
        assertThat(json(order.body()).at("/properties/lines/type").asText()).isEqualTo("array");
        assertThat(get("/api/schema/event").statusCode()).isEqualTo(200);
        assertThat(get("/api/schema/nothing").statusCode()).isEqualTo(404);
    }
}
