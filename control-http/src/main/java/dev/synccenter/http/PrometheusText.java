package dev.synccenter.http;

import java.util.List;
import java.util.Locale;

import dev.synccenter.control.ProgressStatus;
import dev.synccenter.control.metrics.HandlerMetrics;
import dev.synccenter.control.metrics.MetricsSnapshot;
import dev.synccenter.control.metrics.Timings;

/**
 * A metrics snapshot in Prometheus' text exposition format (version 0.0.4): {@code # HELP} and
 * {@code # TYPE} once per family, counters ending in {@code _total}, durations in seconds as
 * histograms with cumulative {@code le} buckets. Label values are escaped as the format requires,
 * so a handler ID cannot break a line.
 */
final class PrometheusText {

    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private PrometheusText() {
    }

    static String write(MetricsSnapshot m) {
        StringBuilder out = new StringBuilder(4096);
        List<HandlerMetrics> handlers = m.handlers();
        family(out, "synccenter_requests_finished_total", "counter",
                "Requests that got their result, by handler and status, since the platform started.");
        for (HandlerMetrics h : handlers) {
            for (ProgressStatus status : ProgressStatus.values()) {
                Long count = h.finished().get(status);
                if (count != null) {
                    sample(out, "synccenter_requests_finished_total", labels(h, "status", status.name()), count);
                }
            }
        }
        family(out, "synccenter_requests_queued", "gauge", "Queue entries waiting for a session, by handler.");
        handlers.forEach(h -> sample(out, "synccenter_requests_queued", labels(h), h.queued()));
        family(out, "synccenter_sessions_running", "gauge", "Sessions running now, by handler.");
        handlers.forEach(h -> sample(out, "synccenter_sessions_running", labels(h), h.running()));
        family(out, "synccenter_conflicts", "gauge", "Conflicts each handler's conflict store reports now (C46).");
        handlers.forEach(h -> sample(out, "synccenter_conflicts", labels(h), h.conflicts()));
        family(out, "synccenter_items_rerun_total", "counter",
                "Items started again by a later session of the same request, by handler.");
        handlers.forEach(h -> sample(out, "synccenter_items_rerun_total", labels(h), h.itemsRerun()));
        family(out, "synccenter_request_wait_seconds", "histogram",
                "From a request's acceptance to the session that took it up, by handler.");
        handlers.forEach(h -> histogram(out, "synccenter_request_wait_seconds", labels(h), h.waitSeconds()));
        family(out, "synccenter_request_run_seconds", "histogram",
                "From a request's first session to its result, by handler.");
        handlers.forEach(h -> histogram(out, "synccenter_request_run_seconds", labels(h), h.runSeconds()));
        family(out, "synccenter_requests_open", "gauge", "Requests accepted and without a result.");
        sample(out, "synccenter_requests_open", "", m.openRequests());
        family(out, "synccenter_sessions_abandoned_total", "counter",
                "Sessions that did not return within the cancel grace.");
        sample(out, "synccenter_sessions_abandoned_total", "", m.abandonedSessions());
        family(out, "synccenter_delivery_backlog", "gauge", "Results and events waiting to be delivered.");
        sample(out, "synccenter_delivery_backlog", "", m.deliveryBacklog());
        family(out, "synccenter_store_commit_seconds", "histogram",
                "From a change's submission to its commit in the store.");
        histogram(out, "synccenter_store_commit_seconds", "", m.storeCommitSeconds());
        family(out, "synccenter_store_failing", "gauge", "1 while the store refuses writes, else 0.");
        sample(out, "synccenter_store_failing", "", m.storeFailing() ? 1 : 0);
        family(out, "synccenter_session_threads", "gauge", "Platform threads running sessions, abandoned ones too.");
        sample(out, "synccenter_session_threads", "", m.sessionThreads());
        family(out, "synccenter_items_in_backoff", "gauge", "Items in backoff after transient failures (C43).");
        sample(out, "synccenter_items_in_backoff", "", m.itemsInBackoff());
        family(out, "synccenter_waiting_retries", "gauge", "Items of requests waiting for their next attempt (C43).");
        sample(out, "synccenter_waiting_retries", "", m.waitingRetries());
        family(out, "synccenter_schedules", "gauge", "Schedules that run (C44).");
        sample(out, "synccenter_schedules", "", m.schedules());
        family(out, "synccenter_schedule_lateness_seconds", "histogram",
                "From a scheduled run's slot until its request was stored (C44).");
        histogram(out, "synccenter_schedule_lateness_seconds", "", m.scheduleLatenessSeconds());
        return out.toString();
    }

    private static void family(StringBuilder out, String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void histogram(StringBuilder out, String name, String labels, Timings t) {
        String comma = labels.isEmpty() ? "" : labels + ",";
        for (int i = 0; i < t.upperBounds().size(); i++) {
            sample(out, name + "_bucket", comma + "le=\"" + number(t.upperBounds().get(i)) + "\"",
                    t.cumulative().get(i));
        }
        sample(out, name + "_bucket", comma + "le=\"+Inf\"", t.count());
        out.append(name).append("_sum").append(braces(labels)).append(' ').append(number(t.sum())).append('\n');
        sample(out, name + "_count", labels, t.count());
    }

    private static void sample(StringBuilder out, String name, String labels, long value) {
        out.append(name).append(braces(labels)).append(' ').append(value).append('\n');
    }

    private static String braces(String labels) {
        return labels.isEmpty() ? "" : "{" + labels + "}";
    }

    private static String labels(HandlerMetrics h) {
        return "handler=\"" + escape(h.handlerId()) + "\"";
    }

    private static String labels(HandlerMetrics h, String name, String value) {
        return labels(h) + "," + name + "=\"" + escape(value) + "\"";
    }

    /** Label values: backslash, double quote and line feed escaped, as the format says. */
    static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return Double.toString(value);
    }
}
