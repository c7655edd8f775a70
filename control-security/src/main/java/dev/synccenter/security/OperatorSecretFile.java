package dev.synccenter.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The one file that holds secrets in clear: the operator's first password and API token, written
 * at the first start for the person who runs the platform, readable by the platform's user only
 * (0600, in a 0700 folder). {@code bin/sync} reads its {@code token=} line. The platform never
 * reads a secret back from it; a password reset replaces the {@code password=} line.
 */
final class OperatorSecretFile {

    static final String NAME = "operator.token";

    private final Path file;
    private final PrivateFiles files;

    OperatorSecretFile(Path file, PrivateFiles files) {
        this.file = file;
        this.files = files;
    }

    Path path() {
        return file;
    }

    void write(String user, String password, String token) throws IOException {
        files.write(file, "# Sync Center operator credential, written at the first start (control-security).\n"
                + "# Readable by the platform's user only. bin/sync sends the token= line; people log in with\n"
                + "# the user and password. The platform keeps only hashes: this file is the one copy in clear.\n"
                + "# Make more tokens with bin/sync token-create, revoke with bin/sync token-revoke.\n"
                + "user=" + user + "\n"
                + "password=" + password + "\n"
                + "token=" + token + "\n");
    }

    /** Replaces the password line if the file is there and is for this user; else does nothing. */
    boolean replacePassword(String user, String password) throws IOException {
        if (!Files.exists(file)) {
            return false;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (!lines.contains("user=" + user)) {
            return false;
        }
        String text = lines.stream().map(l -> l.startsWith("password=") ? "password=" + password : l)
                .collect(Collectors.joining("\n", "", "\n"));
        files.write(file, text);
        return true;
    }
}
