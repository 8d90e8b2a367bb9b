#!/usr/bin/env python3
"""An IMAP client in IDLE, with Python's imaplib: signs in with a device, selects INBOX, enters IDLE, then reports
every line the server sends until the connection ends.

Usage: imap_idle.py HOST PORT implicit|starttls USER PASSWORD CLIENTID-TYPE CLIENTID-TOKEN

stdout, one JSON object a line: {"event": "idling"} once the server accepted IDLE, then {"event": "line", "line": ...}
for each server line (the tag shown as TAG), and {"event": "closed"} when the server closed the connection.
stdin: "DONE" ends the IDLE (the server's tagged reply then comes as a line); end of input closes the connection.
"""
import json
import imaplib
import os
import ssl
import sys
import threading


def context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def report(event, **fields):
    print(json.dumps(dict(event=event, **fields)), flush=True)


def read_until_closed(imap, tag):
    while True:
        try:
            line = imap.readline()
        except (OSError, imaplib.IMAP4.abort):
            line = b''
        if not line:
            report('closed')
            os._exit(0)
        text = line.decode('ascii', 'replace').rstrip('\r\n')
        if text.startswith(tag + ' '):
            text = 'TAG' + text[len(tag):]
        report('line', line=text)


def main():
    host, port, mode, user, password, kind, token = sys.argv[1:8]
    if mode == 'implicit':
        imap = imaplib.IMAP4_SSL(host, int(port), ssl_context=context())
    else:
        imap = imaplib.IMAP4(host, int(port))
        imap.starttls(ssl_context=context())
    imaplib.Commands['CLIENTID'] = ('NONAUTH',)
    typ, _ = imap.xatom('CLIENTID', kind, token)
    if typ != 'OK':
        report('refused', command='CLIENTID')
        return
    imap.login(user, password)
    imap.select('INBOX')
    tag = imap._new_tag().decode('ascii')
    imap.send((tag + ' IDLE\r\n').encode('ascii'))
    line = imap.readline().decode('ascii', 'replace')
    if not line.startswith('+'):
        report('refused', command='IDLE', line=line.rstrip('\r\n'))
        return
    report('idling')
    threading.Thread(target=read_until_closed, args=(imap, tag), daemon=True).start()
    for command in sys.stdin:
        if command.strip().upper() == 'DONE':
            imap.send(b'DONE\r\n')
    try:
        imap.shutdown()
    except OSError:
        pass


if __name__ == '__main__':
    main()
