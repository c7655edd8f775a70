package dev.synccenter.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which 401s offer Basic: not those a browser would answer with a password dialog over a page. */
class ResponsesTest {

    @Test
    void c48_peopleAndScriptsAreOfferedBasicButAPagesScriptAndEventSourceAreNot() {
        assertThat(Responses.basicChallenge(null, null)).as("curl").isTrue();
        assertThat(Responses.basicChallenge(null, "application/json")).isTrue();
        assertThat(Responses.basicChallenge(null, "*/*")).isTrue();
        assertThat(Responses.basicChallenge("XMLHttpRequest", "application/json")).as("the web console").isFalse();
        assertThat(Responses.basicChallenge("xmlhttprequest", null)).isFalse();
        assertThat(Responses.basicChallenge(null, "text/event-stream")).as("EventSource").isFalse();
    }
}
