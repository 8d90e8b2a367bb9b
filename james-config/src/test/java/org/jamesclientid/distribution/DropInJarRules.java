package org.jamesclientid.distribution;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import com.google.common.collect.ImmutableList;

/**
 * What the drop-in jar may contain. James 3.8.1 loads it beside its own jars (a child class loader of James' one),
 * so a bundled copy of anything James ships would be a second, conflicting copy; and James 3.8.1 runs on Java 11.
 */
final class DropInJarRules {
    static final String OWN_PACKAGE_ROOT = "org/jamesclientid/";

    /**
     * Package roots (e.g. {@code "com/example/lib/"}) of libraries bundled because James 3.8.1 does not ship them.
     * None today. A library added here must also be added to the shade plugin's includes in james-config/pom.xml.
     */
    static final List<String> BUNDLED_LIBRARY_ROOTS = ImmutableList.of();

    /**
     * Shipped by James 3.8.1 itself: never allowed in the jar, even when listed in {@link #BUNDLED_LIBRARY_ROOTS}.
     */
    static final List<String> SHIPPED_BY_JAMES = ImmutableList.of("org/apache/james/", "com/google/", "reactor/", "com/datastax/");

    /**
     * Project code that is not extension code: james-config's demo launcher, which the shade plugin would add unless
     * excluded (it always selects the module's own artifact).
     */
    static final List<String> NOT_EXTENSION_CODE = ImmutableList.of("org/jamesclientid/demo/");

    static final int JAVA_11_CLASS_VERSION = 55;

    private static final int CLASS_FILE_MAGIC = 0xCAFEBABE;
    private static final int CLASS_HEADER_LENGTH = 8;

    private DropInJarRules() {
    }

    /**
     * @return one message per offending entry, naming it; empty when the jar follows every rule
     */
    static List<String> violations(Path jar, List<String> bundledLibraryRoots) throws IOException {
        ImmutableList.Builder<String> violations = ImmutableList.builder();
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            Enumeration<JarEntry> entries = jarFile.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    packageViolation(entry.getName(), bundledLibraryRoots).ifPresent(violations::add);
                    versionViolation(jarFile, entry).ifPresent(violations::add);
                }
            }
        }
        return violations.build();
    }

    private static Optional<String> packageViolation(String name, List<String> bundledLibraryRoots) {
        Optional<String> shippedByJames = SHIPPED_BY_JAMES.stream().filter(name::startsWith).findFirst();
        if (shippedByJames.isPresent()) {
            return Optional.of(name + ": James 3.8.1 ships " + shippedByJames.get() + "; depend on it as provided, never bundle it");
        }
        Optional<String> notExtensionCode = NOT_EXTENSION_CODE.stream().filter(name::startsWith).findFirst();
        if (notExtensionCode.isPresent()) {
            return Optional.of(name + ": " + notExtensionCode.get() + " is the demo launcher of james-config, not extension code");
        }
        if (name.startsWith(OWN_PACKAGE_ROOT) || bundledLibraryRoots.stream().anyMatch(name::startsWith)) {
            return Optional.empty();
        }
        return Optional.of(name + ": outside " + OWN_PACKAGE_ROOT + " and not in the bundled libraries " + bundledLibraryRoots
            + " (DropInJarRules.BUNDLED_LIBRARY_ROOTS)");
    }

    private static Optional<String> versionViolation(JarFile jarFile, JarEntry entry) throws IOException {
        byte[] header;
        try (InputStream in = jarFile.getInputStream(entry)) {
            header = in.readNBytes(CLASS_HEADER_LENGTH);
        }
        if (header.length < CLASS_HEADER_LENGTH || readInt(header, 0) != CLASS_FILE_MAGIC) {
            return Optional.of(entry.getName() + ": not a class file");
        }
        int major = readUnsignedShort(header, 6);
        if (major != JAVA_11_CLASS_VERSION) {
            return Optional.of(entry.getName() + ": class file version " + major + " (Java " + (major - 44) + "), must be "
                + JAVA_11_CLASS_VERSION + " (Java 11, what James 3.8.1 runs on): compile with --release 11");
        }
        return Optional.empty();
    }

    private static int readInt(byte[] bytes, int offset) {
        return (readUnsignedShort(bytes, offset) << 16) | readUnsignedShort(bytes, offset + 2);
    }

    private static int readUnsignedShort(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }
}
