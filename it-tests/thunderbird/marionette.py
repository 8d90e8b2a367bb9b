"""A small client for Marionette, the remote protocol Gecko applications (Firefox, Thunderbird) speak when started
with --marionette. Python 3 standard library only.

The protocol: JSON over TCP, each packet framed as "<length in bytes>:<json>". On connect the server sends a greeting
({"applicationType": "gecko", "marionetteProtocol": 3}); a command is [0, id, name, params], its answer
[1, id, error, result] with error null or {"error", "message", "stacktrace"}.
"""
import json
import socket
import time


class MarionetteError(Exception):
    """An error answered by Marionette (e.g. a script that threw), or a broken connection."""


class Marionette:
    def __init__(self, host, port, timeout=60):
        self._socket = socket.create_connection((host, port), timeout=timeout)
        self._buffer = b""
        self._next_id = 0
        greeting = self._read_packet()
        if greeting.get("marionetteProtocol") != 3:
            raise MarionetteError("unexpected Marionette greeting %r" % greeting)
        self.application = greeting.get("applicationType")

    @classmethod
    def connect(cls, host, port, deadline):
        """Connects once the application listens, retrying until the monotonic deadline."""
        last_error = None
        while time.monotonic() < deadline:
            try:
                return cls(host, port)
            except (OSError, MarionetteError) as error:
                last_error = error
                time.sleep(0.5)
        raise MarionetteError("Marionette on %s:%s did not answer in time (%s)" % (host, port, last_error))

    def _read_packet(self):
        while b":" not in self._buffer:
            self._receive()
        length, _, rest = self._buffer.partition(b":")
        size = int(length)
        self._buffer = rest
        while len(self._buffer) < size:
            self._receive()
        packet, self._buffer = self._buffer[:size], self._buffer[size:]
        return json.loads(packet.decode("utf-8"))

    def _receive(self):
        chunk = self._socket.recv(65536)
        if not chunk:
            raise MarionetteError("Marionette closed the connection")
        self._buffer += chunk

    def command(self, name, params=None, timeout=60):
        """Sends one command and returns its result; raises MarionetteError on an error answer."""
        self._next_id += 1
        message_id = self._next_id
        payload = json.dumps([0, message_id, name, params or {}]).encode("utf-8")
        self._socket.settimeout(timeout)
        self._socket.sendall(str(len(payload)).encode("ascii") + b":" + payload)
        while True:
            try:
                packet = self._read_packet()
            except socket.timeout:
                raise MarionetteError("no answer to %s within %s s" % (name, timeout))
            # Answers to earlier commands that timed out on our side are skipped.
            if packet[0] == 1 and packet[1] == message_id:
                break
        _, _, error, result = packet
        if error:
            raise MarionetteError("%s: %s: %s" % (name, error.get("error"), error.get("message")))
        return result

    def start_session(self, capabilities=None, timeout=60):
        """Marionette takes the capabilities already merged (geckodriver would merge alwaysMatch/firstMatch).
        Answers once the application's main window has loaded."""
        return self.command("WebDriver:NewSession", capabilities or {}, timeout=timeout)

    def set_chrome_context(self):
        """Scripts then run with chrome privileges in the application's main window (Services, ChromeUtils...)."""
        self.command("Marionette:SetContext", {"value": "chrome"})

    def set_script_timeout(self, milliseconds):
        self.command("WebDriver:SetTimeouts", {"script": milliseconds})

    def execute(self, script, args=None, timeout=60):
        """Runs a function body; a returned Promise is awaited. The named sandbox keeps globals across calls."""
        result = self.command("WebDriver:ExecuteScript",
                              {"script": script, "args": args or [], "sandbox": "interop", "newSandbox": False},
                              timeout=timeout)
        return result.get("value") if isinstance(result, dict) else result

    def quit(self, timeout=30):
        """Asks the application to quit (no 'save your work' prompts); returns once it says it is quitting."""
        return self.command("Marionette:Quit", {"flags": ["eForceQuit"]}, timeout=timeout)

    def close(self):
        try:
            self._socket.close()
        except OSError:
            pass
