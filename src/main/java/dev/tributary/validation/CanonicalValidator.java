package dev.tributary.validation;

import dev.tributary.canonical.CanonicalRecord;
import dev.tributary.canonical.Customer;
import dev.tributary.canonical.CustomerRef;
import dev.tributary.canonical.Opportunity;
import dev.tributary.canonical.Order;
import dev.tributary.canonical.OrderLine;
import dev.tributary.canonical.SalesChannel;
import dev.tributary.canonical.SourceRef;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Business rules of canonical records beyond their JSON shape; returns every problem found, each
 * with the field it concerns. Structural rules (types, required fields, enums) live in the JSON
 * Schemas and are checked before binding.
 */
public final class CanonicalValidator {

    /** Rounding slack allowed when comparing computed and stated amounts. */
    static final BigDecimal TOLERANCE = new BigDecimal("0.01");

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(Currency::getCurrencyCode).collect(Collectors.toUnmodifiableSet());

    /** Every problem with {@code record}, empty when it is valid. */
    public List<FieldError> validate(CanonicalRecord record) {
        List<FieldError> errors = new ArrayList<>();
        if (record instanceof Customer c) {
            customer(c, errors);
        } else if (record instanceof Order o) {
            order(o, errors);
        } else if (record instanceof Opportunity o) {
            opportunity(o, errors);
        }
        return List.copyOf(errors);
    }

    private void customer(Customer c, List<FieldError> errors) {
        required("legalName", c.legalName(), errors);
        uscc("unifiedSocialCreditCode", c.unifiedSocialCreditCode(), errors);
        taxId("taxId", c.taxId(), errors);
        country("country", c.country(), errors);
        if (c.sourceRefs().isEmpty()) {
            errors.add(new FieldError("sourceRefs", "at least one source reference is required"));
        }
        for (int i = 0; i < c.sourceRefs().size(); i++) {
            sourceRef("sourceRefs[" + i + "]", c.sourceRefs().get(i), errors);
        }
        // a contact's phone or e-mail is never a reason to lose a customer: ingest normalises them
        // and warns about what it cannot read (CanonicalNormaliser)
    }

    private void order(Order o, List<FieldError> errors) {
        sourceRef("sourceRef", o.sourceRef(), errors);
        customerRef("customerRef", o.customerRef(), errors);
        required("orderNumber", o.orderNumber(), errors);
        id("orderNumber", o.orderNumber(), errors);
        id("distributorId", o.distributorId(), errors);
        currency("currency", o.currency(), errors);
        if (o.lines().isEmpty()) {
            errors.add(new FieldError("lines", "an order needs at least one line"));
        }
        if (o.channel() == SalesChannel.DISTRIBUTOR && isBlank(o.distributorId())) {
            errors.add(new FieldError("distributorId", "is required when channel is DISTRIBUTOR"));
        }
        // no arithmetic on amounts out of bounds: their products could be astronomically long
        boolean amountsBounded = true;
        for (int i = 0; i < o.lines().size(); i++) {
            OrderLine line = o.lines().get(i);
            String at = "lines[" + i + "]";
            id(at + ".sku", line.sku(), errors);
            amountsBounded &= bounded(at + ".quantity", line.quantity(), errors);
            amountsBounded &= bounded(at + ".unitPrice", line.unitPrice(), errors);
            amountsBounded &= bounded(at + ".discount", line.discount(), errors);
            amountsBounded &= bounded(at + ".lineTotal", line.lineTotal(), errors);
            amountsBounded &= bounded(at + ".taxRate", line.taxRate(), errors);
        }
        amountsBounded &= bounded("netTotal", o.netTotal(), errors);
        amountsBounded &= bounded("taxTotal", o.taxTotal(), errors);
        amountsBounded &= bounded("grossTotal", o.grossTotal(), errors);
        if (!amountsBounded) {
            return;
        }
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        boolean linesComplete = true;
        for (int i = 0; i < o.lines().size(); i++) {
            OrderLine line = o.lines().get(i);
            String at = "lines[" + i + "]";
            nonNegative(at + ".quantity", line.quantity(), errors);
            nonNegative(at + ".unitPrice", line.unitPrice(), errors);
            nonNegative(at + ".discount", line.discount(), errors);
            nonNegative(at + ".lineTotal", line.lineTotal(), errors);
            nonNegative(at + ".taxRate", line.taxRate(), errors);
            if (line.quantity() == null || line.unitPrice() == null || line.lineTotal() == null) {
                linesComplete = false;
                continue;
            }
            BigDecimal discount = line.discount() == null ? BigDecimal.ZERO : line.discount();
            BigDecimal expected = line.quantity().multiply(line.unitPrice()).subtract(discount);
            if (differs(expected, line.lineTotal())) {
                errors.add(new FieldError(at + ".lineTotal", "is " + line.lineTotal().toPlainString()
                        + " but quantity × unitPrice − discount is " + scale2(expected)));
            }
            net = net.add(line.lineTotal());
            if (line.taxRate() != null) {
                tax = tax.add(line.lineTotal().multiply(line.taxRate()));
            }
        }
        nonNegative("netTotal", o.netTotal(), errors);
        nonNegative("taxTotal", o.taxTotal(), errors);
        nonNegative("grossTotal", o.grossTotal(), errors);
        if (linesComplete && o.netTotal() != null && differs(net, o.netTotal())) {
            errors.add(new FieldError("netTotal", "is " + o.netTotal().toPlainString()
                    + " but the line totals add up to " + scale2(net)));
        }
        BigDecimal taxSlack = TOLERANCE.multiply(BigDecimal.valueOf(Math.max(1, o.lines().size())));
        if (linesComplete && o.taxTotal() != null && tax.subtract(o.taxTotal()).abs().compareTo(taxSlack) > 0) {
            errors.add(new FieldError("taxTotal", "is " + o.taxTotal().toPlainString()
                    + " but the lines' tax comes to " + scale2(tax)));
        }
        if (o.netTotal() != null && o.taxTotal() != null && o.grossTotal() != null
                && differs(o.netTotal().add(o.taxTotal()), o.grossTotal())) {
            errors.add(new FieldError("grossTotal", "is " + o.grossTotal().toPlainString()
                    + " but netTotal + taxTotal is " + scale2(o.netTotal().add(o.taxTotal()))));
        }
    }

    private void opportunity(Opportunity o, List<FieldError> errors) {
        sourceRef("sourceRef", o.sourceRef(), errors);
        customerRef("customerRef", o.customerRef(), errors);
        required("name", o.name(), errors);
        currency("currency", o.currency(), errors);
        if (bounded("amount", o.amount(), errors)) {
            nonNegative("amount", o.amount(), errors);
        }
        if (o.probability() != null && (o.probability() < 0 || o.probability() > 100)) {
            errors.add(new FieldError("probability", "must be between 0 and 100, is " + o.probability()));
        }
    }

    private void sourceRef(String at, SourceRef ref, List<FieldError> errors) {
        if (ref == null) {
            errors.add(new FieldError(at, "is required"));
            return;
        }
        required(at + ".region", ref.region(), errors);
        required(at + ".system", ref.system(), errors);
        required(at + ".sourceId", ref.sourceId(), errors);
        if (!isBlank(ref.system())) {
            String problem = InputLimits.systemProblem(ref.system());
            if (problem != null) {
                errors.add(new FieldError(at + ".system", problem));
            }
        }
        id(at + ".sourceId", ref.sourceId(), errors);
    }

    private void customerRef(String at, CustomerRef ref, List<FieldError> errors) {
        if (ref == null) {
            errors.add(new FieldError(at, "is required"));
            return;
        }
        if (isBlank(ref.sourceId()) && isBlank(ref.unifiedSocialCreditCode()) && isBlank(ref.taxId())) {
            errors.add(new FieldError(at, "needs the customer's sourceId, unifiedSocialCreditCode or taxId"));
        }
        uscc(at + ".unifiedSocialCreditCode", ref.unifiedSocialCreditCode(), errors);
        taxId(at + ".taxId", ref.taxId(), errors);
        id(at + ".sourceId", ref.sourceId(), errors);
    }


    private static void uscc(String at, String code, List<FieldError> errors) {
        if (code == null) {
            return;
        }
        String problem = UnifiedSocialCreditCode.problem(code);
        if (problem != null) {
            errors.add(new FieldError(at, "'" + InputLimits.shorten(code) + "' is not a valid 统一社会信用代码: " + problem));
        }
    }

    private static void taxId(String at, String code, List<FieldError> errors) {
        if (isBlank(code)) {
            return;
        }
        String problem = TaxIds.problem(code);
        if (problem != null) {
            errors.add(new FieldError(at, "'" + InputLimits.shorten(code) + "' is not a tax id: " + problem));
        }
    }

    private static void id(String at, String value, List<FieldError> errors) {
        if (value == null) {
            return;
        }
        String problem = InputLimits.idProblem(value);
        if (problem != null) {
            errors.add(new FieldError(at, problem));
        }
    }

    /** Whether {@code value} is absent or within the bounds of an amount; reports it when not. */
    private static boolean bounded(String at, BigDecimal value, List<FieldError> errors) {
        String problem = value == null ? null : InputLimits.amountProblem(value);
        if (problem != null) {
            errors.add(new FieldError(at, problem));
        }
        return problem == null;
    }

    private static void country(String at, String code, List<FieldError> errors) {
        if (code != null && !COUNTRIES.contains(code)) {
            errors.add(new FieldError(at, "'" + InputLimits.shorten(code) + "' is not an ISO 3166-1 alpha-2 country code such as CN"));
        }
    }

    private static void currency(String at, String code, List<FieldError> errors) {
        if (code == null) {
            errors.add(new FieldError(at, "is required"));
        } else if (!CURRENCIES.contains(code)) {
            errors.add(new FieldError(at, "'" + InputLimits.shorten(code) + "' is not an ISO 4217 currency code such as CNY"));
        }
    }

    private static void nonNegative(String at, BigDecimal value, List<FieldError> errors) {
        if (value != null && value.signum() < 0) {
            errors.add(new FieldError(at, "must not be negative, is " + value.toPlainString()));
        }
    }

    private static void required(String at, String value, List<FieldError> errors) {
        if (isBlank(value)) {
            errors.add(new FieldError(at, "is required"));
        }
    }

    private static boolean differs(BigDecimal a, BigDecimal b) {
        return a.subtract(b).abs().compareTo(TOLERANCE) > 0;
    }

    private static String scale2(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
