package dev.synccenter.distribution;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import dev.synccenter.testsupport.Poll;

/**
 * The keyboard and the screen of a distribution started with {@link Distribution#startConsole}: keys
 * are written to the pseudo-terminal, and the screen is what the console wrote there, read as text
 * (escape sequences removed, so colours and cursor moves do not split the words). Each key press
 * starts a new stretch of output, so that a check sees only what answered it.
 */
final class ConsoleTerminal {

    static final String TAB = "\t";
    static final String ENTER = "\r";
    /** The Up arrow as an xterm sends it in the keypad mode JLine switches on (its terminfo's key_up). */
    static final String UP = "\u001bOA";
    static final String CTRL_C = "\u0003";
    static final String CTRL_D = "\u0004";
    /** Gogo's prompt, at the start of a line. */
    static final String PROMPT = "g! ";

    /** CSI and OSC sequences, charset and keypad selections, any other escape and a character. */
    private static final Pattern ESCAPES = Pattern.compile(
            "\u001b\\[[0-?]*[ -/]*[@-~]|\u001b\\][^\u0007\u001b]*(\u0007|\u001b\\\\)|\u001b[()][0-9A-Za-z]|\u001b.");

    private static final Pattern CURSOR_RIGHT = Pattern.compile("\u001b\\[(\\d*)C");

    private final Distribution dist;
    private int mark;

    ConsoleTerminal(Distribution dist) {
        this.dist = dist;
    }

    /** Everything the console showed, as text. */
    String screen() {
        return text(dist.consoleText());
    }

    /** What the console showed since the last key press. */
    String sinceLastKeys() {
        String raw = dist.consoleText();
        return text(raw.substring(Math.min(mark, raw.length())));
    }

    /** The text of raw output: a cursor move right (JLine's way to redraw a space) as spaces, the rest removed. */
    private static String text(String raw) {
        String spaced = CURSOR_RIGHT.matcher(raw).replaceAll(m -> " ".repeat(
                m.group(1).isEmpty() ? 1 : Math.min(Integer.parseInt(m.group(1)), 500)));
        return ESCAPES.matcher(spaced).replaceAll("").replace("\r", "");
    }

    /**
     * Types the keys, after marking where the answer starts (in the raw output: an escape sequence
     * written only in part so far cannot move the mark).
     */
    ConsoleTerminal type(String keys) throws IOException {
        mark = dist.consoleText().length();
        OutputStream keyboard = dist.process().getOutputStream();
        keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
        keyboard.flush();
        return this;
    }

    /**
     * Waits until the output since the last key press matches {@code regex} and a fresh prompt
     * follows it: the shell reads the keyboard again (keys typed before then would reach a terminal
     * not in JLine's hands, which echoes them as they are).
     */
    String answer(String what, String regex, Duration timeout) {
        return await(what + ", then the prompt", "(" + regex + ")[\\s\\S]*" + PROMPT, timeout);
    }

    /** Waits until the output since the last key press matches {@code regex} (found, multi-line); returns it. */
    String await(String what, String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        return Poll.until(what, timeout, () -> {
            if (!dist.process().isAlive()) {
                throw new IllegalStateException("the console ended:\n" + screen());
            }
            return sinceLastKeys();
        }, text -> pattern.matcher(text).find());
    }
}
