package dev.synccenter.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.synccenter.control.SyncIds;

/**
 * One operation of the API: a method, a path under {@code /synccenter/api} with {@code {name}}
 * segments, the query parameters and body fields it takes, and what it does. An operation first
 * {@linkplain Action#prepare prepares}: it checks every argument (and may read the control service,
 * say to answer 404), and changes nothing; only then is a state change recorded in the audit trail
 * and {@linkplain Prepared#run run} (C51).
 */
record Route(String method, String pattern, Set<String> query, Set<String> body, Action action) {

    /** Checks a call's arguments and returns what to run. */
    @FunctionalInterface
    interface Action {
        Prepared prepare(Call call);
    }

    /** A call whose arguments are checked. */
    interface Runner {
        Reply run();
    }

    /**
     * @param target what the call acts on, for the audit trail: handler, items, request
     */
    record Prepared(String target, Runner runner) {
        Reply run() {
            return runner.run();
        }
    }

    /** A success: the status, a JSON body (null for none) and a Location (null for none). */
    record Reply(int status, JsonNode body, String location) {
        static Reply ok(JsonNode body) {
            return new Reply(200, body, null);
        }

        static Reply noContent() {
            return new Reply(204, null, null);
        }
    }

    Route {
        query = Set.copyOf(query);
        body = Set.copyOf(body);
    }

    /** Whether the route changes state: it is recorded (C51), needs an operator (C49) and is CSRF-checked. */
    boolean changesState() {
        return !method.equals("GET");
    }

    private List<String> segments() {
        return List.of(pattern.substring(1).split("/"));
    }

    /**
     * The path parameters if {@code path} (the servlet's path info, decoded) has this route's shape,
     * else null. Parameters are checked: {@code handler} and {@code item} are IDs (C1), {@code id}
     * a request ID; a bad one is a 400 that names it.
     */
    Map<String, String> match(String path) {
        if (path == null || !path.startsWith("/")) {
            return null;
        }
        String[] parts = path.substring(1).split("/", -1);
        List<String> segments = segments();
        if (parts.length != segments.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String s = segments.get(i);
            if (s.startsWith("{")) {
                params.put(s.substring(1, s.length() - 1), parts[i]);
            } else if (!s.equals(parts[i])) {
                return null;
            }
        }
        params.forEach(Route::check);
        return params;
    }

    private static void check(String name, String value) {
        if (name.equals("id")) {
            Query.integer("id", value, 1, Integer.MAX_VALUE);
            return;
        }
        String problem = SyncIds.problem(value);
        if (problem != null) {
            throw ApiException.badArgument(name, problem);
        }
    }
}
