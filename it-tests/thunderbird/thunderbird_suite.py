#!/usr/bin/env python3
"""Thunderbird interop suite: a real Thunderbird (Debian's package), headless, against ./run-demo.

It starts the demo (unless --use-running-demo), then Thunderbird with a fresh profile, drives it through Marionette
(marionette.py), sets up alice's account as a user would (account, saved passwords, certificate exception, the
CLIENTID prefs of the Config Editor) and sends real messages to bob through the submission port, one case per device
state: trusted on first use, trusted, pending, approved, blocked, without CLIENTID (allowed, then required), and
alice opening her Inbox in Thunderbird over IMAP with CLIENTID (STARTTLS, CLIENTID UUID, LOGIN), from her trusted
laptop and from a device still pending. CLIENTID is on for both SMTP and IMAP, with one UUID per device, as
docs/users.md tells users. For each sending case it checks and prints:
  - the wire: the SMTP dialogue Thunderbird logs (its "mailnews.smtp" logger at All): was "CLIENTID UUID <uuid>" sent
    and answered 250, then AUTH (the token is shown as its hint, never in full; AUTH data never);
  - the server: the "CLIENTID decision ..." lines of the demo's james.log (outcome, reason, device id, which must be
    the id WebAdmin lists for that device);
  - what Thunderbird showed: every prompt and alert (title, text, buttons), each answered as a careful user would
    (Cancel rather than "Enter New Password");
  - delivery: whether the message reached bob's INBOX (Python imaplib over IMAP STARTTLS).
For each Inbox case: the IMAP wire (Thunderbird's MOZ_LOG "IMAP" module: was "CLIENTID UUID <uuid>" sent), the
server's "CLIENTID decision protocol=imap ..." lines, what Thunderbird showed and listed.
It ends with "N passed, N failed" and exits non-zero on any failure. Thunderbird and the demo it started are killed
by process group on every exit path (failure, Ctrl-C, SIGTERM, the overall time-out).

Usage: it-tests/thunderbird/thunderbird_suite.py [--use-running-demo] [--keep-profile]
"""
import argparse
import base64
import imaplib
import json
import os
import re
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from marionette import Marionette, MarionetteError  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HOST = "127.0.0.1"
SUBMISSION_PORT, IMAP_PORT, WEBADMIN_PORT = 5587, 1143, 8000
WEBADMIN = "http://%s:%d" % (HOST, WEBADMIN_PORT)
ALICE, ALICE_PASSWORD = "alice@example.com", "alice-secret"
BOB, BOB_PASSWORD = "bob@example.com", "bob-secret"
JAMES_LOG = os.path.join(ROOT, "james-config", "target", "demo", "logs", "james.log")

DEMO_START_TIMEOUT = 420         # ./run-demo builds what it needs first (quick once `mvn verify` ran)
THUNDERBIRD_START_TIMEOUT = 180  # first start of a fresh profile is slow on 2 shared cores
SEND_TIMEOUT = 90
DELIVERY_TIMEOUT = 30
LOG_TIMEOUT = 15
SUITE_TIMEOUT = 900


class SuiteTimeout(BaseException):
    """The overall time-out: a BaseException, so that no per-case handler swallows it and the suite stops."""


class Check:
    """Collects the failed expectations of one case."""

    def __init__(self):
        self.failures = []

    def that(self, condition, message):
        if not condition:
            self.failures.append(message)
        return condition


def wait_for(what, condition, timeout, interval=0.25):
    """Polls condition() until it returns something truthy; raises TimeoutError naming what was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise TimeoutError("timed out after %s s waiting for %s" % (timeout, what))
        time.sleep(interval)


def port_open(port):
    try:
        with socket.create_connection((HOST, port), timeout=1):
            return True
    except OSError:
        return False


def no_verify_tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the demo's self-signed certificate: fetched, then trusted explicitly below
    return context


def hint(token):
    """How WebAdmin and the suite's output show a token: first and last 4 characters."""
    return "%s...%s" % (token[:4], token[-4:])


def kill_process_group(process, name, grace=15):
    """SIGTERM to the whole group (Thunderbird's content/GPU/socket processes, the demo's Maven and java), SIGKILL
    after the grace period; then checks the group is gone."""
    if process is None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline:
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        process.poll()
        time.sleep(0.2)
    else:
        print("  %s did not stop on SIGTERM within %s s: SIGKILL" % (name, grace))
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        pass
    for _ in range(50):
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    print("  WARNING: processes of %s's group %d are still alive" % (name, process.pid))


# ---------------------------------------------------------------------------------------------------------------
# The demo server: WebAdmin, its log, bob's INBOX

class Demo:
    def __init__(self, use_running, log_path):
        self.use_running = use_running
        self.log_path = log_path
        self.process = None
        self.output = None

    def start(self):
        busy = [port for port in (SUBMISSION_PORT, IMAP_PORT, WEBADMIN_PORT) if port_open(port)]
        if self.use_running:
            if busy != [SUBMISSION_PORT, IMAP_PORT, WEBADMIN_PORT]:
                missing = [str(port) for port in (SUBMISSION_PORT, IMAP_PORT, WEBADMIN_PORT) if port not in busy]
                raise RuntimeError("--use-running-demo: nothing answers on %s (start ./run-demo first)"
                                   % ", ".join(missing))
            print("Using the demo already running on %s" % HOST)
            return
        if busy:
            raise RuntimeError("ports %s are already in use (another ./run-demo?): stop it, or pass --use-running-demo "
                               "to test against it" % ", ".join(map(str, busy)))
        self.output = tempfile.NamedTemporaryFile(prefix="thunderbird-suite-demo-", suffix=".log", delete=False)
        print("Starting ./run-demo (output in %s)" % self.output.name)
        self.process = subprocess.Popen([os.path.join(ROOT, "run-demo")], cwd=ROOT, stdout=self.output,
                                        stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True)

        def ready():
            if self.process.poll() is not None:
                raise RuntimeError("./run-demo exited with %s:\n%s" % (self.process.returncode, self.read_output()))
            return "CLIENTID demo ready" in self.read_output()
        try:
            wait_for("./run-demo to print 'CLIENTID demo ready'", ready, DEMO_START_TIMEOUT, interval=1)
        except TimeoutError:
            print(self.read_output()[-4000:])
            raise

    def read_output(self):
        with open(self.output.name, errors="replace") as output:
            return output.read()

    def stop(self, keep_output):
        if self.process is not None:
            kill_process_group(self.process, "./run-demo", grace=60)
            self.process = None
        if self.output is not None and not keep_output:
            os.remove(self.output.name)

    def webadmin(self, method, path, body=None, expected=(200, 201, 204)):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(WEBADMIN + path, data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read().decode()
        if status not in expected:
            raise RuntimeError("WebAdmin %s %s answered %s: %s" % (method, path, status, text))
        return json.loads(text) if text else None

    def devices(self, user):
        return self.webadmin("GET", "/clientid/users/%s/devices" % user)

    def device_with_token(self, user, token):
        """The WebAdmin entry of the device presenting this UUID (found by its hint: WebAdmin never shows tokens)."""
        matches = [d for d in self.devices(user) if d["type"] == "UUID" and d["hint"] == hint(token)]
        return matches[0] if len(matches) == 1 else None

    def log_size(self):
        try:
            return os.path.getsize(self.log_path)
        except FileNotFoundError:
            return 0

    def decisions_since(self, offset, account, protocol="smtp"):
        """The 'CLIENTID decision' lines written after offset for this account, as dicts. Accepts the fields in any
        order and values quoted or not (account=alice@example.com, account="alice@example.com", type="UUID")."""
        try:
            with open(self.log_path, "rb") as log:
                # A log rolled over since the offset was taken is read from its start.
                log.seek(offset if offset <= os.fstat(log.fileno()).st_size else 0)
                text = log.read().decode("utf-8", errors="replace")
        except FileNotFoundError:
            return []
        decisions = []
        for line in text.splitlines():
            found = re.search(r"CLIENTID decision (.*)$", line)
            if not found:
                continue
            fields = {match.group(1): match.group(3) if match.group(3) is not None else match.group(2)
                      for match in re.finditer(r'(\w+)=(?:"((?:[^"\\]|\\.)*)"|(\S+))', found.group(1))}
            # Lines without a protocol field predate IMAP decisions: they are SMTP ones.
            if fields.get("account") == account and fields.get("protocol", "smtp") == protocol:
                fields["line"] = "CLIENTID decision " + found.group(1).strip()
                decisions.append(fields)
        return decisions

    def certificate(self, port):
        """The DER certificate the server shows after STARTTLS on this port, base64 (for Thunderbird's exception)."""
        if port == SUBMISSION_PORT:
            client = smtplib.SMTP(HOST, port, timeout=30)
            client.starttls(context=no_verify_tls())
            der = client.sock.getpeercert(binary_form=True)
            client.quit()
        else:
            client = imaplib.IMAP4(HOST, port, timeout=30)
            client.starttls(ssl_context=no_verify_tls())
            der = client.sock.getpeercert(binary_form=True)
            client.logout()
        return base64.b64encode(der).decode()

    def inbox_subjects(self, user, password):
        client = imaplib.IMAP4(HOST, IMAP_PORT, timeout=30)
        try:
            client.starttls(ssl_context=no_verify_tls())
            client.login(user, password)
            client.select("INBOX", readonly=True)
            _, ids = client.search(None, "ALL")
            subjects = []
            for message_id in ids[0].split():
                _, data = client.fetch(message_id, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
                # Unfolded: Thunderbird folds a long Subject over two lines.
                subjects.append(re.sub(r"\r?\n[ \t]+", " ", data[0][1].decode(errors="replace")).strip())
            return subjects
        finally:
            try:
                client.logout()
            except (imaplib.IMAP4.error, OSError):
                pass

    def delivered(self, subject, expect):
        """Whether a message with this subject is in bob's INBOX. Expecting it: polls until it arrives (or the
        time-out). Not expecting it: the send already failed at AUTH, so a short wait is enough to catch a late
        delivery."""
        wanted = "Subject: " + subject
        if expect:
            try:
                return wait_for("'%s' in bob's INBOX" % subject,
                                lambda: wanted in self.inbox_subjects(BOB, BOB_PASSWORD), DELIVERY_TIMEOUT, interval=1)
            except TimeoutError:
                return False
        time.sleep(3)
        return wanted in self.inbox_subjects(BOB, BOB_PASSWORD)


# ---------------------------------------------------------------------------------------------------------------
# Thunderbird

USER_JS = """\
// Written by thunderbird_suite.py into a fresh profile.
// Marionette on a free port: port 0 makes Thunderbird take one from the OS and write it to MarionetteActivePort
// in the profile, so parallel runs never collide.
user_pref("marionette.port", 0);
// A fresh profile otherwise opens the account hub, the default-client question and first-run pages.
user_pref("mail.provider.suppress_dialog_on_startup", true);
user_pref("mail.shell.checkDefaultClient", false);
user_pref("mailnews.start_page.enabled", false);
user_pref("mail.rights.override", true);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.reportingpolicy.firstRun", false);
user_pref("app.update.disabledForTesting", true);
// Thunderbird's SMTP dialogue in its console (read by the suite, never printed raw: it holds AUTH data).
user_pref("mailnews.smtp.loglevel", "All");
"""


class Thunderbird:
    def __init__(self, binary, keep_profile):
        self.binary = binary
        self.keep_profile = keep_profile
        self.workdir = None
        self.profile = None
        self.process = None
        self.marionette = None
        self.output = None

    def start(self):
        # One directory for the fresh profile and Thunderbird's console output, removed at the end.
        self.workdir = tempfile.mkdtemp(prefix="thunderbird-suite-")
        self.profile = os.path.join(self.workdir, "profile")
        os.mkdir(self.profile)
        with open(os.path.join(self.profile, "user.js"), "w") as user_js:
            user_js.write(USER_JS)
        self.output = open(os.path.join(self.workdir, "thunderbird.out"), "w")
        # Thunderbird's IMAP dialogue (C++, so not in the console): MOZ_LOG's IMAP module. It holds the CLIENTID
        # token (read by the suite, shown only as its hint) and never the LOGIN password (Thunderbird suppresses it).
        self.imap_log = os.path.join(self.workdir, "imap.log")
        environment = dict(os.environ, MOZ_HEADLESS="1", MOZ_CRASHREPORTER_DISABLE="1",
                           MOZ_LOG="IMAP:5,sync", MOZ_LOG_FILE=self.imap_log)
        # -remote-allow-system-access: Thunderbird 153 only lets Marionette into the chrome context with it.
        command = [self.binary, "--headless", "--marionette", "-remote-allow-system-access", "--no-remote",
                   "--profile", self.profile]
        print("Starting %s (profile %s)" % (" ".join(command[:1] + command[1:5]), self.profile))
        self.process = subprocess.Popen(command, stdout=self.output, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, env=environment, start_new_session=True)
        started = time.monotonic()
        port_file = os.path.join(self.profile, "MarionetteActivePort")

        def port():
            if self.process.poll() is not None:
                raise RuntimeError("Thunderbird exited with %s before Marionette listened (output: %s)"
                                   % (self.process.returncode, self.output.name))
            try:
                with open(port_file) as text:
                    return int(text.read().strip() or 0)
            except (FileNotFoundError, ValueError):
                return 0
        marionette_port = wait_for("Thunderbird's Marionette port (%s)" % port_file, port, THUNDERBIRD_START_TIMEOUT)
        deadline = started + THUNDERBIRD_START_TIMEOUT
        self.marionette = Marionette.connect(HOST, marionette_port, deadline)
        # NewSession returns once the main window (mail:3pane) has loaded.
        # "ignore": the interop observer, not Marionette, answers Thunderbird's prompts.
        capabilities = self.marionette.start_session({"unhandledPromptBehavior": "ignore"},
                                                     timeout=max(30, deadline - time.monotonic()))
        self.marionette.set_chrome_context()
        with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "interop-chrome.js")) as script:
            self.marionette.execute(script.read())
        print("Thunderbird %s ready in %.0f s (Marionette port %d)"
              % (capabilities["capabilities"]["browserVersion"], time.monotonic() - started, marionette_port))

    def imap_log_lines(self):
        """Every line of Thunderbird's IMAP log so far (MOZ_LOG may add a suffix to the file name)."""
        lines = []
        for name in sorted(os.listdir(self.workdir)):
            if name.startswith("imap.log"):
                with open(os.path.join(self.workdir, name), errors="replace") as log:
                    lines.extend(log.read().splitlines())
        return lines

    def js(self, expression, *args, timeout=60):
        """Evaluates 'return <expression>' in the interop sandbox, with arguments[0..]. Marionette refuses commands
        while a prompt is open ("unexpected alert open"); the interop observer answers each within a tick, so such
        a refusal is retried for a few seconds."""
        deadline = time.monotonic() + 10
        while True:
            try:
                return self.marionette.execute("return " + expression + ";", list(args), timeout=timeout)
            except MarionetteError as error:
                if "unexpected alert open" not in str(error) or time.monotonic() >= deadline:
                    raise
                time.sleep(0.2)

    def stop(self, keep_profile=False):
        if self.marionette is not None:
            try:
                self.js("interop.shutdownObservers()", timeout=10)
                self.marionette.quit(timeout=30)
            except (MarionetteError, OSError) as error:
                print("  Thunderbird did not quit through Marionette (%s): killing it" % error)
            self.marionette.close()
            self.marionette = None
        if self.process is not None:
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                pass
            kill_process_group(self.process, "Thunderbird")
            self.process = None
        if self.output is not None:
            self.output.close()
        if self.workdir and (self.keep_profile or keep_profile):
            print("Thunderbird's profile and output kept in %s" % self.workdir)
        elif self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------------
# The cases

def configure_device(thunderbird, keys, device_uuid, protocols=("smtp", "imap")):
    """What the user types in the Config Editor: mail.smtpserver.<key>.clientidEnabled / .clientid (None: CLIENTID
    off), and the same pair under mail.server.<key>. for IMAP, with one UUID for both (docs/users.md)."""
    branches = {"smtp": "mail.smtpserver.%s." % keys["outgoing"], "imap": "mail.server.%s." % keys["incoming"]}
    prefs = {}
    for protocol in protocols:
        branch = branches[protocol]
        prefs[branch + "clientidEnabled"] = device_uuid is not None
        prefs[branch + "clientid"] = device_uuid
    thunderbird.js("interop.setPrefs(arguments[0])", prefs)


def summarise_dialogue(lines, token):
    """Thunderbird's 'C: ...' / 'S: ...' log lines as 'COMMAND -> code' steps. AUTH data is never shown, a
    CLIENTID token only as its hint."""
    steps = []
    pending = None
    for line in lines:
        if line.startswith("C: "):
            command = line[3:].strip()
            words = command.split(" ")
            if words[0].upper() == "CLIENTID" and len(words) == 3:
                shown_token = hint(words[2]) if words[2] == token else "<other %s>" % hint(words[2])
                shown = "CLIENTID %s %s" % (words[1], shown_token)
            elif words[0].upper() == "AUTH":
                shown = " ".join(words[:2])
            elif words[0].upper() in ("EHLO", "HELO", "STARTTLS", "MAIL", "RCPT", "DATA", "QUIT", "RSET", "NOOP"):
                shown = words[0].upper()
            else:
                shown = "<auth data>"
            pending = shown
            steps.append([shown, None])
        elif line.startswith("S: ") and steps and pending is not None:
            replies = [reply for reply in line[3:].strip().splitlines() if reply.strip()]
            if replies and steps[-1][1] is None:
                steps[-1][1] = replies[-1][:3]
            elif replies and steps[-1][0] == "DATA":
                steps.append(["<message>", replies[-1][:3]])
    return steps


class Case:
    def __init__(self, name, device, outcome, reasons, delivered, status=None, before=None, require_clientid=False):
        self.name = name
        self.device = device                # a UUID, or None for no CLIENTID
        self.outcome = outcome              # ALLOW or DENY, for every decision of the send
        self.reasons = reasons              # the reasons each decision may give
        self.delivered = delivered
        self.status = status                # the device's status on alice's account afterwards (WebAdmin)
        self.before = before                # WebAdmin set-up, given (demo, context)
        self.require_clientid = require_clientid

    def run(self, number, demo, thunderbird, keys, context):
        return run_send_case(self, number, demo, thunderbird, keys, context)


class InboxCase:
    """alice opens her Inbox in Thunderbird: an IMAP sign-in (STARTTLS, CLIENTID UUID <uuid>, LOGIN) with the
    account's saved password, on a new connection. A trusted device lists what the server holds, without a dialog; a
    refused one gets Thunderbird's login-failed prompt (answered Cancel) and lists nothing."""

    def __init__(self, name, device, outcome, reasons):
        self.name = name
        self.device = device        # a UUID
        self.outcome = outcome      # ALLOW or DENY
        self.reasons = reasons      # the reasons the imap decisions may give

    def run(self, number, demo, thunderbird, keys, context):
        check = Check()
        print("\n== %d. %s" % (number, self.name))
        demo.webadmin("PUT", "/clientid/users/%s/policy" % ALICE, {"mode": "trust-first", "requireClientId": False})
        configure_device(thunderbird, keys, self.device)
        thunderbird.js("interop.closeIncomingConnections(arguments[0])", keys["incoming"])
        print("   device: UUID %s (mail.server.%s.clientid)" % (hint(self.device), keys["incoming"]))
        log_offset = demo.log_size()
        imap_before = len(thunderbird.imap_log_lines())
        dialogs_before = thunderbird.js("interop.dialogCount()")
        read = thunderbird.js("interop.startInboxRead(arguments[0])", keys["incoming"])
        result = wait_for("Thunderbird to read alice's Inbox",
                          lambda: thunderbird.js("interop.result(arguments[0])", read), SEND_TIMEOUT, interval=0.5)
        allowed = self.outcome == "ALLOW"
        print("   Inbox read: %s, %d messages listed" % ("ended" if result.get("status") == 0 else "failed (%s)"
                                                         % result.get("error", result), len(result.get("messages", []))))
        if allowed:
            check.that(result.get("status") == 0, "Thunderbird should read the Inbox (got %s)" % result)

        # The wire: Thunderbird's IMAP log. Thunderbird leaves the CLIENTID command out of it, as it does LOGIN
        # ("Logging suppressed ... authentication information"): the server's "OK CLIENTID completed." after a
        # CAPABILITY listing CLIENTID shows that it was sent; the decision's device id (below) shows which UUID.
        imap_lines = thunderbird.imap_log_lines()[imap_before:]
        advertised = any(re.search(r"\* CAPABILITY .*\bCLIENTID\b", line) for line in imap_lines)
        accepted = sum(1 for line in imap_lines if re.search(r"\S+ OK CLIENTID completed", line))
        failed_logins = sum(1 for line in imap_lines if re.search(r"\S+ NO LOGIN failed", line))
        print("   wire (Thunderbird's IMAP log): CAPABILITY %s CLIENTID, CLIENTID -> OK x%d, LOGIN -> NO x%d"
              % ("lists" if advertised else "does not list", accepted, failed_logins))
        check.that(advertised and accepted >= 1, "Thunderbird should send CLIENTID over IMAP, answered OK")
        check.that((failed_logins == 0) == allowed, "LOGIN should %s" % ("succeed" if allowed else "be refused"))

        # The server's decisions for the IMAP sign-in.
        try:
            decisions = wait_for("a CLIENTID decision protocol=imap for %s" % ALICE,
                                 lambda: demo.decisions_since(log_offset, ALICE, protocol="imap"), LOG_TIMEOUT)
        except TimeoutError as error:
            decisions = []
            check.that(False, str(error))
        listed = demo.device_with_token(ALICE, self.device)
        for decision in decisions:
            print("   server: %s" % decision["line"])
            check.that(decision.get("outcome") == self.outcome and decision.get("reason") in self.reasons,
                       "decision should be outcome=%s reason in %s (got outcome=%s reason=%s)"
                       % (self.outcome, "/".join(self.reasons), decision.get("outcome"), decision.get("reason")))
            check.that(listed is not None and listed["id"].lower().startswith(decision.get("device", "?").lower()),
                       "the IMAP decision's device should be WebAdmin's %s (got %s)"
                       % (listed and listed["id"], decision.get("device")))

        # What Thunderbird showed and listed.
        dialogs = thunderbird.js("interop.dialogsFrom(arguments[0])", dialogs_before)
        for dialog in dialogs:
            print("   Thunderbird showed: [%s] %s  buttons=%s, answered %s"
                  % (dialog["title"], " ".join(dialog["text"].split()), dialog["buttons"], dialog["pressed"]))
        if not dialogs:
            print("   Thunderbird showed: nothing")
        if allowed:
            shown = [message["subject"] for message in result.get("messages", [])]
            for subject in shown:
                print("   Thunderbird's Inbox: %s" % subject)
            check.that(shown, "alice's Inbox should list the notices of the earlier cases")
            on_server = [subject[len("Subject: "):] for subject in demo.inbox_subjects(ALICE, ALICE_PASSWORD)]
            check.that(sorted(shown) == sorted(on_server),
                       "Thunderbird should list what the server holds (imaplib sees %s)" % on_server)
            check.that(not dialogs, "the IMAP sign-in should show no dialog")
        else:
            login_failed = [d for d in dialogs if len(d["buttons"]) == 3]
            check.that(login_failed and ALICE in login_failed[0]["text"],
                       "Thunderbird should show its login-failed prompt (Retry / Cancel / Enter New Password)")
            check.that(not result.get("messages"), "Thunderbird should list no message for a refused device")
        for failure in check.failures:
            print("   FAIL: " + failure)
        print("   -> %s" % ("passed" if not check.failures else "FAILED"))
        return not check.failures


def run_send_case(case, number, demo, thunderbird, keys, context):
    check = Check()
    print("\n== %d. %s" % (number, case.name))
    if case.before:
        case.before(demo, context)
    demo.webadmin("PUT", "/clientid/users/%s/policy" % ALICE,
                  {"mode": "trust-first", "requireClientId": case.require_clientid})
    configure_device(thunderbird, keys, case.device)
    thunderbird.js("interop.closeConnections(arguments[0])", keys["outgoing"])
    print("   device: %s" % ("UUID " + hint(case.device) if case.device else "none (clientidEnabled=false)"))

    log_offset = demo.log_size()
    dialogs_before = thunderbird.js("interop.dialogCount()")
    wire_before = thunderbird.js("interop.smtpLogCount()")
    subject = "thunderbird-suite %s %s" % (re.sub(r"\W+", "-", case.name), uuid.uuid4().hex[:12])
    send = thunderbird.js("interop.startSend(arguments[0])",
                          {"identityKey": keys["identity"], "accountKey": keys["account"], "to": BOB,
                           "subject": subject, "body": "Sent by Thunderbird in the interop suite.\n"})
    result = wait_for("Thunderbird to finish sending", lambda: thunderbird.js("interop.result(arguments[0])", send),
                      SEND_TIMEOUT, interval=0.5)
    status = result.get("status", -1)
    print("   send: %s" % ("OK" if status == 0 else "failed, status 0x%08x %s"
                            % (status & 0xFFFFFFFF, result.get("exception", ""))))
    check.that((status == 0) == case.delivered, "Thunderbird's send should have %s" %
               ("succeeded" if case.delivered else "failed"))

    # Dialogs: the auth-failure prompt comes before the send fails, the send error alert right after; wait until
    # every one is answered and no new one came for 2 s.
    seen = {"count": -1, "since": 0.0}

    def dialogs_settled():
        count = thunderbird.js("interop.dialogCount()")
        if thunderbird.js("interop.openDialogCount()") or count != seen["count"]:
            seen["count"], seen["since"] = count, time.monotonic()
            return False
        return time.monotonic() - seen["since"] >= 2
    wait_for("Thunderbird's dialogs to be answered", dialogs_settled, 30)
    dialogs = thunderbird.js("interop.dialogsFrom(arguments[0])", dialogs_before)

    # The wire, as Thunderbird logged it.
    steps = summarise_dialogue(thunderbird.js("interop.smtpLogFrom(arguments[0])", wire_before), case.device)
    print("   wire (Thunderbird's SMTP log): %s" % ", ".join("%s -> %s" % (c, r or "?") for c, r in steps))
    clientid_steps = [step for step in steps if step[0].startswith("CLIENTID")]
    ehlo_after_tls = [i for i, step in enumerate(steps)
                      if step[0] == "EHLO" and any(earlier[0] == "STARTTLS" for earlier in steps[:i])]
    if case.device:
        check.that(len(clientid_steps) == 1 and clientid_steps[0] == ["CLIENTID UUID " + hint(case.device), "250"],
                   "Thunderbird should send 'CLIENTID UUID <its uuid>' once, answered 250 (saw %s)" % clientid_steps)
        if clientid_steps and ehlo_after_tls:
            position = steps.index(clientid_steps[0])
            first_auth = next((i for i, s in enumerate(steps) if s[0].startswith("AUTH")), len(steps))
            check.that(ehlo_after_tls[0] < position < first_auth,
                       "CLIENTID should come after STARTTLS and EHLO, before AUTH")
    else:
        check.that(not clientid_steps, "Thunderbird should send no CLIENTID (saw %s)" % clientid_steps)
    check.that(any(step[0].startswith("AUTH") for step in steps), "Thunderbird should have sent AUTH")

    # The server's decisions. Thunderbird retries a refused AUTH PLAIN with AUTH LOGIN on the same connection: one or
    # two lines, depending on how the server counts that retry. The server writes them before it answers AUTH, so
    # they are all there once the send has ended; a second without a new line is waited for all the same.
    seen_lines = {"count": -1, "since": 0.0}

    def logged():
        found = demo.decisions_since(log_offset, ALICE)
        if len(found) != seen_lines["count"]:
            seen_lines["count"], seen_lines["since"] = len(found), time.monotonic()
            return None
        return found if found and time.monotonic() - seen_lines["since"] >= 1 else None
    try:
        decisions = wait_for("a CLIENTID decision line for %s in %s" % (ALICE, demo.log_path), logged, LOG_TIMEOUT)
    except TimeoutError as error:
        decisions = demo.decisions_since(log_offset, ALICE)
        check.that(False, str(error))
    for decision in decisions:
        print("   server: %s" % decision["line"])
    check.that(decisions, "the server should log a decision")
    for decision in decisions:
        check.that(decision.get("outcome") == case.outcome and decision.get("reason") in case.reasons,
                   "decision should be outcome=%s reason in %s (got outcome=%s reason=%s)"
                   % (case.outcome, "/".join(case.reasons), decision.get("outcome"), decision.get("reason")))
        check.that(decision.get("mode") == "trust-first", "decision should be made in trust-first")
        if case.device:
            check.that(decision.get("type", "").upper() == "UUID", "the server should see the type UUID")
        else:
            check.that(decision.get("device") == "-", "the server should see no device")
    if case.device:
        listed = demo.device_with_token(ALICE, case.device)
        check.that(listed is not None, "WebAdmin should list the device %s" % hint(case.device))
        if listed:
            print("   WebAdmin: device %s %s status=%s" % (listed["id"], listed["hint"], listed["status"]))
            logged_ids = {decision.get("device") for decision in decisions}
            check.that(all(listed["id"].lower().startswith((logged or "?").lower()) for logged in logged_ids),
                       "the logged device id %s should be WebAdmin's %s" % (logged_ids, listed["id"]))
            context.setdefault("ids", {})[case.device] = listed["id"]
            check.that(listed["status"] == case.status, "WebAdmin should show the device %s (got %s)"
                       % (case.status, listed["status"]))

    # What Thunderbird showed.
    if dialogs:
        for dialog in dialogs:
            print("   Thunderbird showed: [%s] %s  buttons=%s, answered %s"
                  % (dialog["title"], " ".join(dialog["text"].split()), dialog["buttons"], dialog["pressed"]))
    else:
        print("   Thunderbird showed: nothing")
    if case.delivered:
        check.that(not dialogs, "Thunderbird should show no dialog for an accepted device")
    else:
        login_failed = [d for d in dialogs if len(d["buttons"]) == 3]
        check.that(login_failed and ALICE in login_failed[0]["text"] and "127.0.0.1" in login_failed[0]["text"],
                   "Thunderbird should show its login-failed prompt (Retry / Cancel / Enter New Password)")
        check.that(len(dialogs) >= 2, "Thunderbird should then say that sending failed")

    delivered = demo.delivered(subject, case.delivered)
    print("   delivered to bob: %s" % ("yes" if delivered else "no"))
    check.that(delivered == case.delivered, "the message should %sbe delivered" % ("" if case.delivered else "not "))

    for failure in check.failures:
        print("   FAIL: " + failure)
    print("   -> %s" % ("passed" if not check.failures else "FAILED"))
    return not check.failures


def cases():
    laptop = str(uuid.uuid4())
    tablet = str(uuid.uuid4())

    def forget_alice_devices(demo, context):
        # trust-first trusts an account's first device: start from an account with no device history.
        for device in demo.devices(ALICE):
            demo.webadmin("DELETE", "/clientid/users/%s/devices/%s" % (ALICE, device["id"]))

    def device_id(context, token):
        known = context.get("ids", {})
        if token not in known:
            raise RuntimeError("no device id recorded for %s by an earlier case" % hint(token))
        return known[token]

    def approve_tablet(demo, context):
        demo.webadmin("PUT", "/clientid/users/%s/devices/%s" % (ALICE, device_id(context, tablet)),
                      {"status": "trusted"})

    def block_laptop(demo, context):
        context["blocked"] = device_id(context, laptop)
        demo.webadmin("PUT", "/clientid/blocked/%s" % context["blocked"], {"reason": "thunderbird interop suite"})
        if not any(block.get("id") == context["blocked"] for block in demo.webadmin("GET", "/clientid/blocked")):
            raise RuntimeError("WebAdmin does not list the block of %s" % context["blocked"])

    def unblock_laptop(demo, context):
        if "blocked" in context:
            demo.webadmin("DELETE", "/clientid/blocked/%s" % context.pop("blocked"))

    return [
        Case("first device, trusted on first use", laptop, "ALLOW", ["NEW_DEVICE"], True, "trusted",
             before=forget_alice_devices),
        Case("trusted device", laptop, "ALLOW", ["OK"], True, "trusted"),
        # Thunderbird's AUTH PLAIN makes it pending, its AUTH LOGIN retry then meets a pending device.
        Case("pending device (a second device in trust-first)", tablet, "DENY", ["UNKNOWN_DEVICE", "PENDING"], False,
             "pending"),
        InboxCase("the pending device opens alice's Inbox (IMAP CLIENTID): refused", tablet, "DENY", ["PENDING"]),
        InboxCase("alice opens her Inbox from her trusted laptop (IMAP CLIENTID)", laptop, "ALLOW", ["OK"]),
        Case("pending device approved by the administrator", tablet, "ALLOW", ["OK"], True, "trusted",
             before=approve_tablet),
        # A block is on the device, for every account: the account still lists it as trusted.
        Case("blocked device (the trusted laptop, blocked by the administrator)", laptop, "DENY", ["BLOCKED"], False,
             "trusted", before=block_laptop),
        Case("no CLIENTID, not required", None, "ALLOW", ["NO_CLIENTID"], True, before=unblock_laptop),
        Case("no CLIENTID, required (requireClientId=true)", None, "DENY", ["CLIENTID_REQUIRED"], False,
             require_clientid=True),
    ]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--use-running-demo", action="store_true",
                        help="test the ./run-demo already running instead of starting one")
    parser.add_argument("--keep-profile", action="store_true", help="keep Thunderbird's profile and output")
    parser.add_argument("--thunderbird", default=os.environ.get("THUNDERBIRD", "thunderbird"),
                        help="the Thunderbird to run (default: thunderbird on the PATH)")
    parser.add_argument("--james-log", default=JAMES_LOG, help="the demo's server log")
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # CI shows each line as it comes, even if the suite is killed

    def interrupted(signum, _frame):
        raise KeyboardInterrupt("signal %d" % signum)

    def timed_out(_signum, _frame):
        raise SuiteTimeout("the suite did not finish within %d s" % SUITE_TIMEOUT)
    signal.signal(signal.SIGTERM, interrupted)
    signal.signal(signal.SIGHUP, interrupted)
    signal.signal(signal.SIGALRM, timed_out)
    signal.alarm(SUITE_TIMEOUT)

    if shutil.which(options.thunderbird) is None:
        print("Thunderbird not found ('%s'): apt-get install thunderbird" % options.thunderbird)
        print("0 passed, 1 failed")
        return 1

    demo = Demo(options.use_running_demo, options.james_log)
    thunderbird = Thunderbird(options.thunderbird, options.keep_profile)
    passed = failed = 0
    context = {}
    try:
        demo.start()
        demo.webadmin("GET", "/clientid/users/%s/policy" % ALICE)  # WebAdmin with the CLIENTID routes answers
        thunderbird.start()
        keys = thunderbird.js("interop.createAccount(arguments[0])",
                              {"email": ALICE, "fullName": "Alice", "host": HOST,
                               "imapPort": IMAP_PORT, "smtpPort": SUBMISSION_PORT})
        for port in (SUBMISSION_PORT, IMAP_PORT):
            fingerprint = thunderbird.js("interop.trustCertificate(arguments[0], arguments[1], arguments[2])",
                                         HOST, port, demo.certificate(port))
            print("Certificate exception for %s:%d (SHA-256 %s...)" % (HOST, port, fingerprint[:23]))
        for protocol in ("smtp", "imap"):
            thunderbird.js("interop.savePassword(arguments[0], arguments[1], arguments[2])",
                           "%s://%s" % (protocol, HOST), ALICE, ALICE_PASSWORD)
        print("Account %s: %s" % (ALICE, keys))
        for number, case in enumerate(cases(), start=1):
            try:
                ok = case.run(number, demo, thunderbird, keys, context)
            except Exception as error:  # one broken case fails, the next ones still run
                print("   FAIL: %s: %s" % (type(error).__name__, error))
                ok = False
            passed, failed = passed + ok, failed + (not ok)
    except (SuiteTimeout, KeyboardInterrupt, Exception) as error:
        print("\nFAIL (set-up or aborted): %s: %s" % (type(error).__name__, error))
        failed += 1
    finally:
        signal.alarm(0)
        try:
            if demo.use_running or demo.process is not None:
                # Leave a running demo as it was: alice back on the global policy, the laptop unblocked.
                demo.webadmin("DELETE", "/clientid/users/%s/policy" % ALICE)
                if "blocked" in context:
                    demo.webadmin("DELETE", "/clientid/blocked/%s" % context["blocked"])
        except (RuntimeError, OSError):
            pass
        thunderbird.stop(keep_profile=failed > 0)
        demo.stop(keep_output=failed > 0 or options.keep_profile)
    print("\n%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
