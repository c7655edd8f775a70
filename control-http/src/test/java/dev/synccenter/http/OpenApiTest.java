package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * openapi.json describes exactly what is routed: every path and method in it is served by a route or
 * one of the servlets, every route is in it, and each operation documents the answers it can give
 * (401 everywhere, 403 where an operator is needed, 404 where a path names something, ...).
 */
class OpenApiTest {

    static JsonNode spec() throws Exception {
        try (InputStream in = ApiServlet.class.getResourceAsStream(ApiServlet.OPENAPI_RESOURCE)) {
            return Json.MAPPER.readTree(in);
        }
    }

    /** Every method+path served: the dispatcher's routes and the servlets of their own. */
    static Set<String> routed() {
        Set<String> routed = Routes.ALL.stream().map(r -> r.method() + " " + r.pattern())
                .collect(Collectors.toCollection(TreeSet::new));
        routed.add("GET " + StreamServlet.PATTERN.substring("/api".length()));
        routed.add("GET " + MetricsServlet.PATTERN.substring("/api".length()));
        routed.add("POST " + Guard.LOGIN.substring("/api".length()));
        routed.add("POST " + Guard.LOGOUT.substring("/api".length()));
        routed.add("GET " + SessionServlet.SESSION.substring("/api".length()));
        routed.add("GET " + ApiServlet.OPENAPI);
        return routed;
    }

    @Test
    void theSpecAndTheRoutesNameTheSameOperations() throws Exception {
        JsonNode spec = spec();
        assertThat(spec.get("servers").get(0).get("url").asText()).isEqualTo(RequestActions.API);
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> p = spec.get("paths").fields(); p.hasNext();) {
            Map.Entry<String, JsonNode> path = p.next();
            path.getValue().fieldNames().forEachRemaining(m -> documented.add(m.toUpperCase() + " " + path.getKey()));
        }
        assertThat(documented).isEqualTo(routed());
    }

    @Test
    void c48_c49_everyOperationDocumentsItsAnswers() throws Exception {
        JsonNode paths = spec().get("paths");
        for (Route r : Routes.ALL) {
            JsonNode op = paths.get(r.pattern()).get(r.method().toLowerCase());
            JsonNode responses = op.get("responses");
            String name = r.method() + " " + r.pattern();
            assertThat(responses.has("401")).as("%s documents 401 (C48)", name).isTrue();
            assertThat(responses.has("400")).as("%s documents 400", name).isTrue();
            assertThat(responses.has("503")).as("%s documents 503", name).isTrue();
            assertThat(responses.has(r.changesState() ? "403" : "200")).as(name).isTrue();
            if (r.changesState()) {
                assertThat(responses.has("200") || responses.has("202") || responses.has("204")).as(name).isTrue();
                assertThat(responses.has("413")).as("%s documents 413", name).isTrue();
            }
            if (r.pattern().contains("{")) {
                assertThat(responses.has("404")).as("%s documents 404", name).isTrue();
                r.pattern().lines().flatMap(s -> java.util.Arrays.stream(s.split("/")))
                        .filter(s -> s.startsWith("{")).forEach(param -> assertThat(op.get("parameters").toString())
                                .as("%s documents %s", name, param).contains("\"name\":\"" + param.substring(1,
                                        param.length() - 1) + "\""));
            }
            for (String q : r.query()) {
                assertThat(op.get("parameters").toString()).as("%s documents query %s", name, q)
                        .contains("\"name\":\"" + q + "\"");
            }
            if (!r.body().isEmpty()) {
                JsonNode props = op.get("requestBody").get("content").get("application/json").get("schema")
                        .get("properties");
                Set<String> fields = new TreeSet<>();
                props.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as("%s documents its body fields", name).isEqualTo(new TreeSet<>(r.body()));
            }
        }
    }
}
