#!/usr/bin/env python3
"""Drives one SMTP session with Python's own smtplib, for the it-tests.

Usage: smtp_dialogue.py HOST PORT (starttls|implicit) < commands
One command per line on stdin; prints one JSON object per reply on stdout:
{"command": ..., "code": 250, "lines": [...]}.

Commands: EHLO name | HELO name | STARTTLS | AUTH PLAIN user password | AUTH LOGIN user password
| AUTH mechanism initial-response (sent as is, e.g. AUTH OAUTHBEARER <base64>: the reply, 334 included, is printed)
| CONTINUE [base64] (the client's next SASL line; an empty line without argument)
| SEND from to [header-from] (a small mail through smtplib.sendmail, with a From header when given)
| anything else is sent as is with docmd().
"""
import json
import smtplib
import ssl
import sys


def tls_context():
    # The it-tests' James uses a self-signed certificate made at start.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def reply(command, code, message):
    text = message.decode("utf-8", "replace") if isinstance(message, bytes) else str(message)
    print(json.dumps({"command": command, "code": code, "lines": text.split("\n")}), flush=True)


def run(client, line):
    words = line.split(" ")
    verb = words[0].upper()
    if verb == "EHLO":
        return client.ehlo(words[1])
    if verb == "HELO":
        return client.helo(words[1])
    if verb == "STARTTLS":
        return client.starttls(context=tls_context())
    if verb == "AUTH" and len(words) == 3:
        return client.docmd(line)
    if verb == "CONTINUE":
        return client.docmd(" ".join(words[1:]))
    if verb == "AUTH":
        client.user, client.password = words[2], words[3]
        mechanism = words[1].upper()
        handler = client.auth_plain if mechanism == "PLAIN" else client.auth_login
        try:
            return client.auth(mechanism, handler, initial_response_ok=True)
        except smtplib.SMTPAuthenticationError as e:
            return e.smtp_code, e.smtp_error
    if verb == "SEND":
        try:
            header = "From: " + words[3] + "\r\n" if len(words) > 3 else ""
            refused = client.sendmail(words[1], [words[2]], header + "Subject: CLIENTID it-test\r\n\r\nHello.\r\n")
            return (250, b"sent") if not refused else (550, json.dumps(refused).encode())
        except smtplib.SMTPResponseException as e:
            return e.smtp_code, e.smtp_error
        except smtplib.SMTPRecipientsRefused as e:
            code, message = list(e.recipients.values())[0]
            return code, message
    return client.docmd(line)


def main():
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if mode == "implicit":
        client = smtplib.SMTP_SSL(host, port, timeout=30, context=tls_context())
    else:
        client = smtplib.SMTP(host, port, timeout=30)
    for raw in sys.stdin:
        line = raw.rstrip("\r\n")
        if not line:
            continue
        try:
            code, message = run(client, line)
        except smtplib.SMTPServerDisconnected as e:
            reply(line, -1, str(e))
            return
        reply(line, code, message)
    try:
        client.quit()
    except smtplib.SMTPServerDisconnected:
        pass


if __name__ == "__main__":
    main()
