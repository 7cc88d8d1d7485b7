package dev.tributary.adapter.kingdee;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One call to a K3Cloud Web API service: the operation ({@code Save}, {@code ExecuteBillQuery} …)
 * and the JSON body, {@code {"formid", "data"}} (or {@code {"data"}} for a query, as the SDKs send it).
 */
record KingdeeRequest(String operation, ObjectNode body) {

    static final String SERVICE_PREFIX = "/Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.";
    static final String SERVICE_SUFFIX = ".common.kdsvc";

    static final String QUERY = "ExecuteBillQuery";
    static final String SAVE = "Save";
    static final String BATCH_SAVE = "BatchSave";
    static final String OPERATION = "ExcuteOperation";

    /** The path under the base URL. */
    String path() {
        return SERVICE_PREFIX + operation + SERVICE_SUFFIX;
    }

    /** The operation named in a service path, or null when the path is not a DynamicFormService one. */
    static String operationOf(String path) {
        int start = path.indexOf(SERVICE_PREFIX);
        int end = path.indexOf(SERVICE_SUFFIX);
        return start < 0 || end < start ? null : path.substring(start + SERVICE_PREFIX.length(), end);
    }
}
