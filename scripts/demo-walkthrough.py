#!/usr/bin/env python3
"""The device policy on the running demo, step by step (./run-demo must be running).

alice's account is set to trust-first through WebAdmin; her laptop signs in and becomes her trusted device;
an attacker with her password but another device is refused with exactly the wrong-password reply; the
administrator sees the attacker's device as pending; alice finds a notice in her INBOX (IMAP). Exits non-zero
when any step does not behave so.
"""
import imaplib
import json
import smtplib
import ssl
import sys
import time
import urllib.request

HOST = "127.0.0.1"
WEBADMIN = "http://127.0.0.1:8000"
ALICE, ALICE_PASSWORD = "alice@example.com", "alice-secret"


def tls():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the demo's self-signed certificate
    return context


def webadmin(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(WEBADMIN + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request) as response:
        text = response.read().decode()
        return response.status, (json.loads(text) if text else None)


def sign_in(token, password):
    """Submission port: STARTTLS, EHLO, CLIENTID, AUTH; returns the AUTH reply (code, text)."""
    client = smtplib.SMTP(HOST, 5587, timeout=30)
    client.starttls(context=tls())
    client.ehlo("client.example")
    assert client.has_extn("clientid"), "CLIENTID not advertised after STARTTLS"
    if token is not None:
        code, _ = client.docmd("CLIENTID", "UUID " + token)
        assert code == 250, "CLIENTID refused: %s" % code
    client.user, client.password = ALICE, password
    try:
        code, text = client.auth("PLAIN", client.auth_plain, initial_response_ok=True)
    except smtplib.SMTPAuthenticationError as e:
        code, text = e.smtp_code, e.smtp_error
    client.close()
    return code, text.decode()


def step(title):
    print("\n== " + title)


def main():
    laptop = "23bf83be-5a2b-4cce-a4d2-1f5b0b6fd1a3"  # the UUID of the README examples: trusted if it signed in before
    attacker = "deadbeef-0000-4000-8000-badc0ffee000"

    step("Administrator: alice's account trusts its first device only (trust-first; CLIENTID required, the default)")
    print(webadmin("PUT", "/clientid/users/%s/policy" % ALICE, {"mode": "trust-first"}))
    print(webadmin("GET", "/clientid/users/%s/policy" % ALICE))

    step("alice's laptop signs in")
    code, text = sign_in(laptop, ALICE_PASSWORD)
    print(code, text)
    assert code == 235, "alice's laptop should sign in"

    step("An attacker with alice's password, from another device")
    stolen = sign_in(attacker, ALICE_PASSWORD)
    wrong = sign_in(attacker + "-2", "not-her-password")
    print("stolen password :", *stolen)
    print("wrong password  :", *wrong)
    assert stolen[0] == 535 and stolen == wrong, "the refusal must be the wrong-password reply"

    step("The attacker leaves CLIENTID out (SMTP, then IMAP)")
    without = sign_in(None, ALICE_PASSWORD)
    print("no CLIENTID     :", *without)
    assert without == stolen, "without CLIENTID a strict account must refuse the password alone"
    imap = imaplib.IMAP4(HOST, 1143)
    imap.starttls(ssl_context=tls())
    try:
        imap.login(ALICE, ALICE_PASSWORD)
        raise AssertionError("IMAP LOGIN without CLIENTID must be refused on a strict account")
    except imaplib.IMAP4.error as e:
        print("IMAP, no CLIENTID:", e)
    finally:
        try:
            imap.logout()
        except (imaplib.IMAP4.abort, OSError):
            pass

    step("Administrator: alice's devices")
    _, devices = webadmin("GET", "/clientid/users/%s/devices" % ALICE)
    for device in devices:
        print("  %(id)s %(type)s %(hint)s %(status)s lastIp=%(lastIp)s" % device)
    assert any(d["status"] == "pending" and d["hint"].startswith("dead") for d in devices), "the attacker's device should be pending"

    step("alice reads her mail (IMAP, from her laptop: the same CLIENTID as for SMTP)")
    # imaplib does not know the command: CLIENTID is allowed before LOGIN (NONAUTH state).
    imaplib.Commands.setdefault("CLIENTID", ("NONAUTH",))
    subjects = []
    for _ in range(30):
        imap = imaplib.IMAP4(HOST, 1143)
        imap.starttls(ssl_context=tls())
        typ, _ = imap._simple_command("CLIENTID", "UUID", laptop)
        assert typ == "OK", "IMAP CLIENTID refused: %s" % typ
        imap.login(ALICE, ALICE_PASSWORD)
        imap.select("INBOX")
        _, ids = imap.search(None, "ALL")
        subjects = []
        for message_id in ids[0].split():
            _, data = imap.fetch(message_id, "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
            subjects.append(data[0][1].decode().strip())
        imap.logout()
        if any("unrecognised device" in s for s in subjects):
            break
        time.sleep(1)
    for subject in subjects:
        print("  " + subject)
    assert any("unrecognised device was refused" in s for s in subjects), "alice should have a notice"

    print("\nDevice policy walkthrough: passed")


if __name__ == "__main__":
    try:
        main()
    except AssertionError as e:
        print("FAILED: %s" % e)
        sys.exit(1)
