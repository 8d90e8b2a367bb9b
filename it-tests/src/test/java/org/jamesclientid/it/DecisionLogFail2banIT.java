package org.jamesclientid.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jamesclientid.it.PythonSmtpClient.Mode;
import org.jamesclientid.it.PythonSmtpClient.Reply;
import org.jamesclientid.policy.PolicyDecision;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Preconditions;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;

/**
 * The decision line as fail2ban reads it, from a real James: James' own MemoryJamesServerMain 3.8.1 with the drop-in
 * jar and the shipped conf (logback.xml included, so the lines are those of logs/james.log), driven over TLS by
 * Python's smtplib through successes, refused devices, pending and blocked devices, wrong passwords and a credential
 * stuffer. Every decision line must match the contract the shipped filter spells out (_decision_line), and the
 * filter's failregex must match exactly the failures it is meant to count: none of the successes, none of the
 * refusals of one account's device, none of James' own lines.
 *
 * <p>The log and the expected count are written to {@code target/fail2ban/} for {@code scripts/fail2ban-check}, which
 * runs Debian's {@code fail2ban-regex} over them (.ci/run).</p>
 */
class DecisionLogFail2banIT {
    static final Path FILTER = Paths.get("..", "james-config", "fail2ban", "filter.d", "james-clientid.conf");
    static final Path OUTPUT = Paths.get("target", "fail2ban");

    private static final String DOMAIN = "example.com";
    private static final String ALICE = "alice@example.com";
    private static final String BOB = "bob@example.com";
    private static final List<String> TARGETS = ImmutableList.of("t1", "t2", "t3", "t4", "t5", "t6", "t7").stream()
        .map(name -> name + "@" + DOMAIN)
        .collect(ImmutableList.toImmutableList());
    // Quotes and a would-be field in the name: the line must still give the client's real address.
    private static final String FORGING_ACCOUNT = "evil\"ip=203.0.113.9@" + DOMAIN;
    private static final String DECISION = "CLIENTID decision ";

    // What the scenario below makes the shipped conf decide (clientid.properties: failures.limit=10 per device and
    // account, sharedDevice.maxAccounts=5; the address limit of 30 is not reached: 26 failures of untrusted devices).
    private static final int ALLOWED = 3;
    private static final int REFUSED_BY_POLICY = 5;
    private static final int COUNTED_FAILURES = 5 + 1 + 6 + 9 + 1;
    private static final int DEVICE_LIMITS = 3;
    private static final int DECISIONS = ALLOWED + REFUSED_BY_POLICY + COUNTED_FAILURES + DEVICE_LIMITS;

    static StockJamesServer server;

    @BeforeAll
    static void startStockJames() throws Exception {
        server = StockJamesServer.start(Paths.get("target", "fail2ban-james"),
            Paths.get(requiredProperty("clientid.dropin.jar")),
            StockJamesServer.readClasspathFile(Paths.get(requiredProperty("clientid.stock.james.classpath"))));
        server.webAdmin("PUT", "/domains/" + DOMAIN, "");
        createUser(ALICE);
        createUser(BOB);
        for (String target : TARGETS) {
            createUser(target);
        }
    }

    @AfterAll
    static void stopStockJames() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void filterShouldKnowEveryReasonWhenTheEngineCanWriteIt() throws Exception {
        String alternatives = Fail2banFilter.read(FILTER).resolved("_reason");
        Preconditions.checkState(alternatives.startsWith("(?:") && alternatives.endsWith(")"), "_reason: %s", alternatives);
        List<String> reasons = Arrays.asList(alternatives.substring(3, alternatives.length() - 1).split("\\|"));

        assertThat(reasons).containsAll(Arrays.stream(PolicyDecision.Reason.values()).map(Enum::name).collect(Collectors.toList()));
    }

    @Test
    void failregexShouldMatchExactlyTheCountedFailuresWhenARealJamesLogsSessions() throws Exception {
        runSessions();

        Fail2banFilter filter = Fail2banFilter.read(FILTER);
        Pattern decisionLine = filter.pattern("_decision_line");
        List<Pattern> failregex = filter.patterns("failregex");
        List<String> log = server.jamesLog().lines().collect(ImmutableList.toImmutableList());
        List<String> decisions = select(log, line -> line.contains(DECISION));
        List<String> matched = select(log, line -> matchesAny(failregex, line));
        writeForFail2banRegex(log, decisions, matched.size());

        assertThat(decisions).as("one decision line per AUTH").hasSize(DECISIONS);
        assertThat(decisions).as("the contract of docs/log-format.md, as the filter spells it")
            .allSatisfy(line -> assertThat(afterDate(line)).matches(decisionLine));
        assertThat(matched).hasSize(COUNTED_FAILURES)
            .allSatisfy(line -> assertThat(line).containsPattern(" outcome=DENY reason=(PASSWORD|SHARED_DEVICE) "));
        assertThat(matched).as("the address fail2ban would ban").allSatisfy(line -> assertThat(host(failregex, line)).isEqualTo("127.0.0.1"));
        assertThat(select(decisions, line -> line.contains(" reason=SHARED_DEVICE "))).hasSize(1);
        assertThat(select(decisions, line -> line.contains(" outcome=ALLOW "))).hasSize(ALLOWED)
            .noneMatch(line -> matchesAny(failregex, line));
        assertThat(select(decisions, line -> line.matches(".* reason=(UNKNOWN_DEVICE|PENDING|REVOKED|BLOCKED|CLIENTID_REQUIRED|TOO_MANY_FAILURES|THROTTLED) .*")))
            .hasSize(REFUSED_BY_POLICY + DEVICE_LIMITS)
            .noneMatch(line -> matchesAny(failregex, line));
        assertThat(select(log, line -> !line.contains(DECISION))).as("James' own lines and the alert lines")
            .isNotEmpty()
            .noneMatch(line -> matchesAny(failregex, line));
    }

    private static void runSessions() throws Exception {
        // Allowed: a new device (observe), the same device again, a client without CLIENTID.
        assertThat(auth(ALICE, "alice-secret", "f2b-alice-laptop").code()).isEqualTo(235);
        assertThat(auth(ALICE, "alice-secret", "f2b-alice-laptop").code()).isEqualTo(235);
        assertThat(smtps().dialogue("EHLO client.example", "AUTH PLAIN " + BOB + " bob-secret").get(1).code()).isEqualTo(235);

        // Refused by one account's policy, the right password each time: not the address's fault (U6).
        server.webAdmin("PUT", "/clientid/users/" + BOB + "/policy", "{\"mode\":\"enforce\",\"requireClientId\":true}");
        assertThat(auth(BOB, "bob-secret", "f2b-bob-phone").code()).as("unknown device").isEqualTo(535);
        assertThat(auth(BOB, "bob-secret", "f2b-bob-phone").code()).as("pending").isEqualTo(535);
        assertThat(smtps().dialogue("EHLO client.example", "AUTH PLAIN " + BOB + " bob-secret").get(1).code())
            .as("CLIENTID required").isEqualTo(535);
        server.webAdmin("POST", "/clientid/blocked", "{\"type\":\"UUID\",\"token\":\"f2b-stolen-tablet\",\"reason\":\"stolen\"}");
        assertThat(auth(ALICE, "alice-secret", "f2b-stolen-tablet").code()).as("blocked").isEqualTo(535);
        revokeOnlyTrustedDevice(ALICE);
        assertThat(auth(ALICE, "alice-secret", "f2b-alice-laptop").code()).as("revoked").isEqualTo(535);

        // A credential stuffer with one device: 5 wrong passwords on 5 accounts, the 6th account makes it a shared
        // device (blocked), the 7th attempt meets the block. One connection each: the server ends a connection after
        // three refused AUTHs, and counts one failure per device and account per connection.
        for (String target : TARGETS) {
            assertThat(auth(target, "guess", "f2b-stuffer").code()).isEqualTo(535);
        }
        // The same without CLIENTID: 6 wrong passwords, nothing to block but the address.
        for (String target : TARGETS.subList(0, 6)) {
            assertThat(smtps().dialogue("EHLO client.example", "AUTH PLAIN " + target + " guess").get(1).code()).isEqualTo(535);
        }
        // One device guessing one account: 9 wrong passwords, the 10th throttles the device on that account, the
        // 11th meets the throttle.
        for (int i = 0; i < 11; i++) {
            assertThat(auth(ALICE, "guess-" + i, "f2b-guesser").code()).isEqualTo(535);
        }
        assertThat(smtps().dialogue("EHLO client.example", "AUTH PLAIN " + FORGING_ACCOUNT + " guess").get(1).code()).isEqualTo(535);
    }

    private static void revokeOnlyTrustedDevice(String user) throws Exception {
        JsonNode devices = new ObjectMapper().readTree(server.webAdmin("GET", "/clientid/users/" + user + "/devices", ""));
        JsonNode trusted = Iterables.getOnlyElement(Iterables.filter(devices, device -> device.get("status").asText().equals("trusted")));
        server.webAdmin("PUT", "/clientid/users/" + user + "/devices/" + trusted.get("id").asText(), "{\"status\":\"revoked\"}");
    }

    private static Reply auth(String user, String password, String token) throws Exception {
        return smtps().dialogue("EHLO client.example", "CLIENTID UUID " + token, "AUTH PLAIN " + user + " " + password).get(2);
    }

    private static PythonSmtpClient smtps() {
        return new PythonSmtpClient(server.smtpsPort(), Mode.IMPLICIT_TLS);
    }

    private static void createUser(String user) throws IOException, InterruptedException {
        server.webAdmin("PUT", "/users/" + user, "{\"password\":\"" + user.substring(0, user.indexOf('@')) + "-secret\"}");
    }

    /**
     * For scripts/fail2ban-check: the whole log, the lines fail2ban must never count, and the count it must find.
     */
    private static void writeForFail2banRegex(List<String> log, List<String> decisions, int counted) throws IOException {
        Files.createDirectories(OUTPUT);
        write("james.log", log);
        write("allowed.log", select(decisions, line -> line.contains(" outcome=ALLOW ")));
        write("not-counted.log", select(log, line -> !line.matches(".*" + DECISION + ".* outcome=DENY reason=(PASSWORD|SHARED_DEVICE) .*")));
        Files.writeString(OUTPUT.resolve("expected-matches.txt"), counted + "\n", StandardCharsets.UTF_8);
    }

    private static void write(String name, List<String> lines) throws IOException {
        Files.write(OUTPUT.resolve(name), lines, StandardCharsets.UTF_8);
    }

    private static List<String> select(List<String> lines, Predicate<String> predicate) {
        return lines.stream().filter(predicate).collect(ImmutableList.toImmutableList());
    }

    /**
     * fail2ban matches what follows the date it recognised (datepattern), here %d{ISO8601}.
     */
    private static String afterDate(String line) {
        return line.replaceFirst("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3}", "");
    }

    private static boolean matchesAny(List<Pattern> patterns, String line) {
        return patterns.stream().anyMatch(pattern -> pattern.matcher(afterDate(line)).find());
    }

    private static String host(List<Pattern> patterns, String line) {
        return patterns.stream()
            .map(pattern -> pattern.matcher(afterDate(line)))
            .filter(Matcher::find)
            .map(matcher -> matcher.group("host"))
            .findFirst()
            .orElseThrow();
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name);
        Preconditions.checkState(value != null, "System property %s is not set (set by it-tests/pom.xml)", name);
        return value;
    }
}
