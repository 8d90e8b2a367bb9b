#!/usr/bin/env python3
"""One POP3 session with Python's poplib, driven by stdin: one command per line, one JSON line per command on stdout.

Usage: pop3_dialogue.py HOST PORT starttls|plain

Lines: any POP3 command with a one-line reply (USER <user>, PASS <password>, STAT, NOOP), sent as is.
With starttls, poplib's stls() runs first (demo certificate: not verified) and is reported as the first reply.

Each JSON line: {"command": line, "reply": the server's reply line, "+OK ..." or "-ERR ..."}; the reply is "CLOSED"
when the server ended the connection. The session ends with QUIT after the last line.
"""
import json
import poplib
import ssl
import sys


def context():
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    return ctx


def main():
    host, port, mode = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    pop = poplib.POP3(host, port, timeout=30)
    if mode == 'starttls':
        reply = pop.stls(context=context())
        print(json.dumps({'command': 'STLS', 'reply': reply.decode('ascii', 'replace')}), flush=True)
    for line in sys.stdin.read().splitlines():
        if not line.strip():
            continue
        try:
            reply = pop._shortcmd(line).decode('ascii', 'replace')
        except poplib.error_proto as e:
            reply = e.args[0].decode('ascii', 'replace') if isinstance(e.args[0], bytes) else str(e.args[0])
            if reply == '-ERR EOF':  # poplib's own text when the server closed the connection
                print(json.dumps({'command': line, 'reply': 'CLOSED'}), flush=True)
                return
        except (EOFError, OSError):
            print(json.dumps({'command': line, 'reply': 'CLOSED'}), flush=True)
            return
        print(json.dumps({'command': line, 'reply': reply}), flush=True)
    try:
        pop.quit()
    except (poplib.error_proto, OSError):
        pass


if __name__ == '__main__':
    main()
