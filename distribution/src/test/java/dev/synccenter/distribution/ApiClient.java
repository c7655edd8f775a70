package dev.synccenter.distribution;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HTTP API of a running distribution, through the JDK's HttpClient. */
final class ApiClient {

    static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: status, headers and body text. */
    record Answer(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    final HttpClient http;
    /** e.g. http://127.0.0.1:1234/synccenter/api */
    final String base;

    ApiClient(String base) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    ApiClient(String base, SSLContext ssl) {
        this(base, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).sslContext(ssl).build());
    }

    private ApiClient(String base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    static ApiClient of(Distribution d) {
        return new ApiClient("http://127.0.0.1:" + d.httpPort + "/synccenter/api");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30));
    }

    Answer get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    Answer post(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).POST(json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            r.header("Content-Type", "application/json");
        }
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    Answer put(String path, String token, String json) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).PUT(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    Answer delete(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = request(path).DELETE();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return send(r);
    }

    Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers(), r.body());
    }
}
