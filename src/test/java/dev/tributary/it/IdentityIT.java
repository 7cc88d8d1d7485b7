package dev.tributary.it;

import org.junit.jupiter.api.Test;

/** Identity resolution end to end on H2 ({@link IdentityScenarios}). */
class IdentityIT extends H2HubIT {

    @Test
    void should_put_an_order_and_an_opportunity_of_one_company_from_two_regions_on_one_account() {
        IdentityScenarios.oneAccountForTwoRegions(this);
    }

    @Test
    void should_queue_a_doubtful_pair_for_the_steward_and_merge_it_at_both_targets_when_approved() {
        IdentityScenarios.stewardApproves(this);
    }

    @Test
    void should_merge_and_unmerge_through_the_api_with_events_to_both_targets() {
        IdentityScenarios.mergeAndUnmerge(this);
    }

    @Test
    void should_refuse_merging_two_companies_with_different_codes_and_unknown_customers_precisely() {
        IdentityScenarios.refusals(this);
    }
}
