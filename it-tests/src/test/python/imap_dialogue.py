#!/usr/bin/env python3
"""One IMAP session with Python's imaplib, driven by stdin: one command per line, one JSON line per command on stdout.

Usage: imap_dialogue.py HOST PORT starttls|implicit|plain

Lines:
  STARTTLS                                  imaplib's starttls() (demo certificate: not verified)
  LOGIN <user> <password>                   LOGIN, the password quoted by imaplib
  AUTHENTICATE-PLAIN <authz> <authc> <pw>   imaplib's authenticate(): PLAIN, credentials after the continuation
  AUTHENTICATE-PLAIN-IR <authz> <authc> <pw> AUTHENTICATE PLAIN <base64> (SASL-IR); '-' is an empty authz
  AUTHENTICATE-IR <mechanism> <base64>      AUTHENTICATE <mechanism> <base64> (SASL-IR), e.g. OAUTHBEARER
  AUTHENTICATE-SASL <mechanism> <base64>    imaplib's authenticate(): the decoded initial response after the continuation
  anything else                              sent as is through xatom (e.g. CLIENTID UUID 1234, CAPABILITY, NOOP)

Each JSON line: {"command": line, "status": "OK"|"NO"|"BAD"|"BYE", "lines": [server lines, the tag shown as TAG]}.
The session ends after the last line or when the server closes it.
"""
import base64
import imaplib
import json
import ssl
import sys

ALL_STATES = ('NONAUTH', 'AUTH', 'SELECTED', 'LOGOUT')


def context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


class Recording:
    def _init_recording(self):
        self.recorded = []

    def _get_line(self):
        line = super()._get_line()
        self.recorded.append(line.decode('ascii', 'replace'))
        return line

    def take(self):
        lines = self.recorded
        self.recorded = []
        return [self._untag(line) for line in lines]

    def _untag(self, line):
        tag = self.tagpre.decode('ascii')
        if line.startswith(tag):
            return 'TAG' + line[line.index(' '):]
        return line


class RecordingImap(Recording, imaplib.IMAP4):
    def __init__(self, host, port):
        self._init_recording()
        imaplib.IMAP4.__init__(self, host, port)


class RecordingImapSsl(Recording, imaplib.IMAP4_SSL):
    def __init__(self, host, port):
        self._init_recording()
        imaplib.IMAP4_SSL.__init__(self, host, port, ssl_context=context())


def plain(authz, authc, password):
    return ('' if authz == '-' else authz) + '\0' + authc + '\0' + password


def run(imap, line):
    words = line.split(' ')
    verb = words[0].upper()
    if verb == 'STARTTLS':
        return imap.starttls(ssl_context=context())[0]
    if verb == 'LOGIN':
        typ, _ = imap._simple_command('LOGIN', words[1], imap._quote(words[2]))
        if typ == 'OK':
            imap.state = 'AUTH'
        return typ
    if verb == 'AUTHENTICATE-PLAIN':
        credentials = plain(words[1], words[2], words[3]).encode('utf-8')
        try:
            return imap.authenticate('PLAIN', lambda _: credentials)[0]
        except imaplib.IMAP4.error:
            return 'NO'
    if verb == 'AUTHENTICATE-PLAIN-IR':
        initial = base64.b64encode(plain(words[1], words[2], words[3]).encode('utf-8')).decode('ascii')
        typ, _ = imap._simple_command('AUTHENTICATE', 'PLAIN', initial)
        if typ == 'OK':
            imap.state = 'AUTH'
        return typ
    if verb == 'AUTHENTICATE-IR':
        typ, _ = imap._simple_command('AUTHENTICATE', words[1], words[2])
        if typ == 'OK':
            imap.state = 'AUTH'
        return typ
    if verb == 'AUTHENTICATE-SASL':
        response = base64.b64decode(words[2])
        try:
            return imap.authenticate(words[1], lambda _: response)[0]
        except imaplib.IMAP4.error:
            return 'NO'
    imaplib.Commands[verb] = ALL_STATES
    typ, _ = imap.xatom(verb, *words[1:])
    return typ


def main():
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    imap = RecordingImapSsl(host, port) if mode == 'implicit' else RecordingImap(host, port)
    greeting = imap.take()
    if mode == 'starttls':
        typ = imap.starttls(ssl_context=context())[0]
        print(json.dumps({'command': 'STARTTLS', 'status': typ, 'lines': greeting + imap.take()}), flush=True)
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        try:
            status = run(imap, line)
        except imaplib.IMAP4.abort:
            print(json.dumps({'command': line, 'status': 'BYE', 'lines': imap.take()}), flush=True)
            return
        except imaplib.IMAP4.error:
            status = 'BAD'
        print(json.dumps({'command': line, 'status': status, 'lines': imap.take()}), flush=True)
    try:
        imap.logout()
    except (imaplib.IMAP4.abort, OSError):
        pass


if __name__ == '__main__':
    main()
