package org.jamesclientid.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.google.common.collect.ImmutableList;

/**
 * Makes the PKCS12 keystore the conf's {@code <tls>} elements point to, with a self-signed certificate for
 * localhost, using the JDK's own keytool (James' test keystores are expired; see the facts notes).
 */
public final class SelfSignedKeystore {
    public static final String PASSWORD = "james-clientid-demo";
    private static final long KEYTOOL_TIMEOUT_SECONDS = 60;

    private SelfSignedKeystore() {
    }

    /**
     * @return true when a keystore was made, false when one was already there
     */
    public static boolean createIfMissing(Path keystore) throws IOException, InterruptedException {
        if (Files.exists(keystore)) {
            return false;
        }
        Files.createDirectories(keystore.toAbsolutePath().getParent());
        Path keytool = Paths.get(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = ImmutableList.of(keytool.toString(),
            "-genkeypair", "-alias", "james",
            "-keyalg", "RSA", "-keysize", "2048", "-validity", "3650",
            "-dname", "CN=localhost, O=james-clientid demo",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1",
            "-storetype", "PKCS12",
            "-keystore", keystore.toString(),
            "-storepass", PASSWORD, "-keypass", PASSWORD);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(KEYTOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("keytool could not create " + keystore + ": " + output.trim());
        }
        return true;
    }
}
