package org.jamesclientid.bench;

import java.util.Map;
import java.util.function.UnaryOperator;

import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableMap;

/**
 * The conf edits of the benchmarked servers, applied to the shipped conf (james-config/conf).
 */
final class BenchConf {
    static final String SECRET = "clientid.secret=benchmark-secret-0123456789abcdef0123456789abcdef";
    private static final String ROOT_PROCESSOR = "<processor state=\"root\" enableJmx=\"false\">";

    private BenchConf() {
    }

    /**
     * Every mail is discarded as it enters the mailet container: the memory backend keeps delivered mail in heap and
     * re-reads the mailbox on each delivery, which would make the cost of a session grow through the run.
     */
    static String discardAllMail(String mailetContainerXml) {
        Preconditions.checkState(mailetContainerXml.contains(ROOT_PROCESSOR), "no root processor in mailetcontainer.xml");
        return mailetContainerXml.replace(ROOT_PROCESSOR, ROOT_PROCESSOR + "\n            <mailet match=\"All\" class=\"Null\"/>");
    }

    /**
     * Stock James: the shipped conf without anything of CLIENTID (handlers, IMAP package, JMAP authentication, Guice
     * module, WebAdmin routes).
     */
    static Map<String, UnaryOperator<String>> stock() {
        return ImmutableMap.<String, UnaryOperator<String>>builder()
            .put("mailetcontainer.xml", BenchConf::discardAllMail)
            .put("smtpserver.xml", xml -> {
                String result = xml
                    .replaceAll("(?s)<handler class=\"org\\.jamesclientid\\.[A-Za-z.]+\">.*?</handler>", "")
                    .replaceAll("<handler class=\"org\\.jamesclientid\\.[A-Za-z.]+\"/>", "");
                Preconditions.checkState(!result.contains("org.jamesclientid"), "CLIENTID handlers left in smtpserver.xml");
                return result;
            })
            .put("imapserver.xml", xml -> {
                String result = xml.replaceAll("<imapPackages>org\\.jamesclientid\\.[A-Za-z.]+</imapPackages>", "");
                Preconditions.checkState(!result.contains("<imapPackages>org.jamesclientid"), "CLIENTID IMAP package left in imapserver.xml");
                return result;
            })
            .put("jmap.properties", properties -> {
                // James' own Basic authentication, as in its sample configuration.
                String result = properties.replace("org.jamesclientid.jmap.ClientIdBasicAuthenticationStrategy", "BasicAuthenticationStrategy");
                Preconditions.checkState(!result.contains("org.jamesclientid"), "CLIENTID left in jmap.properties");
                return result;
            })
            .put("extensions.properties", properties -> properties.replaceAll("(?m)^guice\\.extension\\.module=.*$", ""))
            .put("webadmin.properties", properties -> properties.replaceAll("(?m)^extensions\\.routes=.*$", ""))
            .build();
    }

    /**
     * The shipped conf (mode observe, alerts on), with a fixed device-id secret.
     */
    static Map<String, UnaryOperator<String>> withClientId() {
        return ImmutableMap.of(
            "mailetcontainer.xml", BenchConf::discardAllMail,
            "clientid.properties", BenchConf::withSecret);
    }

    /**
     * The shipped conf with the Cassandra store instead of the memory one, its session from {@link BenchCqlSessionModule}.
     */
    static Map<String, UnaryOperator<String>> withClientIdOnCassandra() {
        return ImmutableMap.of(
            "mailetcontainer.xml", BenchConf::discardAllMail,
            "clientid.properties", BenchConf::withSecret,
            "extensions.properties", properties -> {
                String result = properties.replaceAll("(?m)^guice\\.extension\\.module=.*$",
                    "guice.extension.module=org.jamesclientid.cassandra.ClientIdCassandraModule," + BenchCqlSessionModule.class.getName());
                Preconditions.checkState(result.contains(BenchCqlSessionModule.class.getName()), "no extension module line in extensions.properties");
                return result;
            });
    }

    /**
     * The shipped conf with the JDBC store instead of the memory one, on the database of a
     * {@code james-database.properties} written into the conf as James' JPA server has it (the shipped conf has none).
     */
    static Map<String, UnaryOperator<String>> withClientIdOnJdbc(String driverClassName, String url, String username) {
        return ImmutableMap.of(
            "mailetcontainer.xml", BenchConf::discardAllMail,
            "clientid.properties", BenchConf::withSecret,
            "extensions.properties", properties -> {
                String result = properties.replaceAll("(?m)^guice\\.extension\\.module=.*$",
                    "guice.extension.module=org.jamesclientid.jdbc.ClientIdJdbcModule");
                Preconditions.checkState(result.contains("ClientIdJdbcModule"), "no extension module line in extensions.properties");
                return result;
            },
            "james-database.properties", properties -> {
                Preconditions.checkState(properties.isBlank(), "the shipped conf has a james-database.properties: the benchmark would overwrite it");
                return "database.driverClassName=" + driverClassName + "\n"
                    + "database.url=" + url + "\n"
                    + "database.username=" + username + "\n";
            });
    }

    static String withSecret(String clientIdProperties) {
        return clientIdProperties.replaceAll("(?m)^\\s*clientid\\.secret(\\.generateIfMissing)?\\s*=.*$", "") + "\n" + SECRET + "\n";
    }
}
