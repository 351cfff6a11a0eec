#!/usr/bin/env python3
"""A minimal SMTP server for scripts/crash-test.sh: accepts every message on 127.0.0.1 and
appends one line per recipient, "<recipient> TAB <Message-ID>", to a file, flushed as soon as
the message is accepted (so a line means the server answered 250 to DATA).

    python3 scripts/smtp-sink.py PORT FILE
"""
import socketserver
import sys
import threading

lock = threading.Lock()


class Session(socketserver.StreamRequestHandler):
    def reply(self, line):
        self.wfile.write((line + "\r\n").encode())
        self.wfile.flush()

    def handle(self):
        try:
            self.converse()
        except ConnectionError:  # Mailgate was killed mid-conversation: nothing was accepted
            pass

    def converse(self):
        self.reply("220 crash-test sink")
        recipients = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            verb = raw.decode("latin-1").strip().split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 crash-test")
            elif verb == "MAIL":
                recipients = []
                self.reply("250 OK")
            elif verb == "RCPT":
                address = raw.decode("latin-1").split(":", 1)[1].strip().strip("<>").lower()
                recipients.append(address)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                self.accept(recipients)
                recipients = []
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP and anything else
                recipients = [] if verb == "RSET" else recipients
                self.reply("250 OK")

    def accept(self, recipients):
        message_id = ""
        in_headers = True
        while True:
            raw = self.rfile.readline()
            if not raw:  # the sender vanished mid-message (kill -9): nothing was accepted
                return
            if raw in (b".\r\n", b".\n"):
                break
            if in_headers:
                line = raw.decode("latin-1").rstrip("\r\n")
                if line == "":
                    in_headers = False
                elif line.lower().startswith("message-id:"):
                    message_id = line.split(":", 1)[1].strip()
        with lock:
            with open(sys.argv[2], "a") as out:
                for address in recipients:
                    out.write(f"{address}\t{message_id}\n")
                out.flush()
        self.reply("250 OK queued")


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


if __name__ == "__main__":
    with Server(("127.0.0.1", int(sys.argv[1])), Session) as server:
        server.serve_forever()
