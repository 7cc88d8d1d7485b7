package dev.tributary.adapter.sap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tributary.canonical.Customer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Canonical customer → {@code A_BusinessPartner} bodies (plain code: the vendor shape is a tree of
 * small navigation entities, which a MapStruct mapper would only wrap). Contacts are not sent: in
 * SAP they are person business partners with relationships, a step of their own.
 */
final class BusinessPartnerMapper {

    /** OrganizationBPName1..4 are 40 characters each. */
    static final int NAME_LENGTH = 40;
    static final int NAME_FIELDS = 4;
    static final String MERGED = "MERGED";
    private static final int STREET_LENGTH = 60;
    private static final int CITY_LENGTH = 40;
    /** VAT id prefixes of the EU (Greece writes EL, SAP's tax category is GR0; XI is Northern Ireland). */
    private static final Set<String> EU_VAT_PREFIXES = Set.of("AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES",
            "FI", "FR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK", "XI");

    private final SapSettings settings;
    private final ObjectMapper json;

    BusinessPartnerMapper(SapSettings settings, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
    }

    /** The deep insert: organisation, the hub's id, address, roles, tax numbers and the sales area. */
    ObjectNode create(Customer customer) {
        ObjectNode bp = json.createObjectNode()
                .put("BusinessPartnerCategory", "2")
                .put("BusinessPartnerGrouping", settings.businessPartnerGrouping())
                .put(SapPaths.CUSTOMER_ID_FIELD, customer.globalCustomerId())
                .put("SearchTerm1", customer.globalCustomerId());
        List<String> names = nameParts(customer.legalName());
        for (int i = 0; i < names.size(); i++) {
            bp.put("OrganizationBPName" + (i + 1), names.get(i));
        }
        if (present(customer.country())) {
            ObjectNode address = bp.putArray("to_BusinessPartnerAddress").addObject()
                    .put("Country", customer.country().toUpperCase(Locale.ROOT));
            putCut(address, "CityName", customer.city(), CITY_LENGTH);
            putCut(address, "StreetName", customer.address(), STREET_LENGTH);
            address.put("Language", language(customer));
        }
        ArrayNode roles = bp.putArray("to_BusinessPartnerRole");
        settings.customerRoles().forEach(role -> roles.addObject().put("BusinessPartnerRole", role));
        ArrayNode taxes = taxNumbers(customer);
        if (!taxes.isEmpty()) {
            bp.set("to_BusinessPartnerTax", taxes);
        }
        bp.putObject("to_Customer").putArray("to_CustomerSalesArea").addObject()
                .put("SalesOrganization", settings.salesOrganization())
                .put("DistributionChannel", settings.distributionChannel())
                .put("Division", settings.division());
        return bp;
    }

    /**
     * The PATCH of a known partner: its names (all four, so that a shorter name clears the rest).
     * A PATCH does not reach the navigation entities; address and tax changes are not sent.
     */
    ObjectNode update(Customer customer) {
        ObjectNode bp = json.createObjectNode();
        List<String> names = nameParts(customer.legalName());
        for (int i = 0; i < NAME_FIELDS; i++) {
            bp.put("OrganizationBPName" + (i + 1), i < names.size() ? names.get(i) : "");
        }
        return bp.put("SearchTerm1", customer.globalCustomerId());
    }

    /** A merged-away customer: blocked and marked, so that SAP users stop selling to it. */
    ObjectNode merged() {
        return json.createObjectNode().put("BusinessPartnerIsBlocked", true).put("SearchTerm2", MERGED);
    }

    /** An unmerged customer: unblocked, the mark cleared. */
    ObjectNode unmerged() {
        return json.createObjectNode().put("BusinessPartnerIsBlocked", false).put("SearchTerm2", "");
    }

    /**
     * The name cut into at most four 40-character parts, at a space where the name has one in the
     * part (Latin names), else at 40 characters (Chinese names); anything beyond 160 is dropped.
     */
    static List<String> nameParts(String name) {
        List<String> parts = new ArrayList<>();
        String rest = name == null ? "" : name.strip();
        while (!rest.isEmpty() && parts.size() < NAME_FIELDS) {
            if (rest.codePointCount(0, rest.length()) <= NAME_LENGTH) {
                parts.add(rest);
                break;
            }
            int end = rest.offsetByCodePoints(0, NAME_LENGTH);
            int space = rest.lastIndexOf(' ', end);
            int cut = space > 0 ? space : end;
            parts.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        return parts;
    }

    /** USCC → CN5; an EU VAT id → {@code <country>0} (the VAT registration number); other ids are not sent. */
    ArrayNode taxNumbers(Customer customer) {
        ArrayNode taxes = json.createArrayNode();
        if (present(customer.unifiedSocialCreditCode())) {
            taxes.addObject().put("BPTaxType", "CN5").put("BPTaxNumber", customer.unifiedSocialCreditCode().strip());
        }
        String vat = customer.taxId() == null ? "" : customer.taxId().strip().toUpperCase(Locale.ROOT).replace(" ", "");
        if (vat.length() > 2 && EU_VAT_PREFIXES.contains(vat.substring(0, 2))) {
            String country = vat.startsWith("EL") ? "GR" : vat.substring(0, 2);
            taxes.addObject().put("BPTaxType", country + "0").put("BPTaxNumber", vat);
        }
        return taxes;
    }

    private String language(Customer customer) {
        return "CN".equalsIgnoreCase(customer.country()) ? settings.languageCn() : settings.language();
    }

    private static void putCut(ObjectNode node, String field, String value, int max) {
        if (present(value)) {
            String text = value.strip();
            node.put(field, text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max)));
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
