#!/usr/bin/env python3
"""A loopback SMTP server for tests: every message it accepts becomes files in a folder.

Usage: capture.py PORT DIR [DELAY]

For each message it writes DIR/<n>.eml (the raw message) and DIR/<n>.json with the
envelope recipients, the subject and the decoded text and HTML parts, so tests need
no MIME parsing. Files appear atomically (written, then renamed), so a test that
sees one can read it whole. It prints "ready" once it is listening. With DELAY (seconds), it takes that long over
each message before accepting it, as a slow or distant mail server would.
"""

import asyncio
import email
import email.policy
import itertools
import json
import os
import sys
import time

from aiosmtpd.controller import Controller


class Capture:
    def __init__(self, folder, delay):
        self.folder = folder
        self.delay = delay
        self.counter = itertools.count(1)

    def _write(self, name, data):
        tmp = os.path.join(self.folder, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.rename(tmp, os.path.join(self.folder, name))

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        n = "%06d-%d" % (next(self.counter), os.getpid())
        raw = envelope.original_content or envelope.content
        message = email.message_from_bytes(raw, policy=email.policy.default)
        parts = {"text/plain": "", "text/html": ""}
        for part in message.walk():
            kind = part.get_content_type()
            if kind in parts and not part.is_multipart():
                parts[kind] += part.get_content()
        summary = {
            "from": envelope.mail_from,
            "to": list(envelope.rcpt_tos),
            "subject": str(message["subject"] or ""),
            "content_type": message.get_content_type(),
            "text": parts["text/plain"],
            "html": parts["text/html"],
        }
        self._write(n + ".eml", raw)
        self._write(n + ".json", json.dumps(summary).encode("utf-8"))
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    os.makedirs(folder, exist_ok=True)
    controller = Controller(Capture(folder, delay), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
