package dev.synccenter.distribution;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a Server-Sent Events stream on a thread of its own into a queue, event by event; the test
 * takes events with a deadline. {@link #close()} ends the connection.
 */
final class SseReader implements AutoCloseable {

    /** One event: its id (null for none), type and data. */
    record Event(String id, String type, String data) {
    }

    final int status;
    final String contentType;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final InputStream body;
    private final Thread reader;

    SseReader(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        this.status = r.statusCode();
        this.contentType = r.headers().firstValue("Content-Type").orElse("");
        this.body = r.body();
        this.reader = new Thread(this::read, "sse reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String type = "message";
            StringBuilder data = new StringBuilder();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        events.add(new Event(id, type, data.toString()));
                    }
                    id = null;
                    type = "message";
                    data.setLength(0);
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.append(line.substring(6));
                }
            }
        } catch (Exception closed) {
            // the test closed the stream, or the server ended it
        }
    }

    /** The next event that matches, skipping others; fails after the deadline with the last seen. */
    Event next(Predicate<Event> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Event last = null;
        while (true) {
            Event e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && wanted.test(e)) {
                return e;
            }
            last = e == null ? last : e;
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("no matching stream event within " + timeout + "; last seen: " + last);
            }
        }
    }

    static HttpRequest.Builder request(ApiClient api, String query) {
        return api.request("/stream" + (query == null ? "" : "?" + query)).timeout(Duration.ofMinutes(5))
                .header("Accept", "text/event-stream");
    }

    static SseReader open(HttpClient http, HttpRequest request) throws Exception {
        return new SseReader(http, request);
    }

    @Override
    public void close() throws Exception {
        body.close();
        reader.join(5_000);
    }
}
