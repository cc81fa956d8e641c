#!/usr/bin/env python3
"""A counting SMTP sink for scripts/bench-digest.sh: accepts every message over real SMTP, keeps only a count (and the
subject of the first), so the benchmark measures notification-service, not a mail store holding 100,000 messages.

  smtp_sink.py PORT COUNT_FILE
"""
import sys
import time
import warnings

warnings.filterwarnings("ignore", category=DeprecationWarning)
import asyncore  # noqa: E402 (Python 3.11: deprecated, still shipped)
import smtpd  # noqa: E402


class Sink(smtpd.SMTPServer):
    def __init__(self, port, count_file):
        super().__init__(("127.0.0.1", port), None, decode_data=False)
        self.count = 0
        self.count_file = count_file

    def process_message(self, peer, mailfrom, rcpttos, data, **kwargs):
        self.count += 1


sink = Sink(int(sys.argv[1]), sys.argv[2])
last = 0.0
try:
    while True:
        asyncore.loop(timeout=0.5, count=50)
        if time.monotonic() - last > 0.5:
            last = time.monotonic()
            with open(sink.count_file, "w") as f:
                f.write(str(sink.count))
except KeyboardInterrupt:
    pass
