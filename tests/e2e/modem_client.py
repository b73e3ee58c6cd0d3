#!/usr/bin/env python3
"""modem_client.py: a chat-script style client for the rasmodem-sim tests.

    modem_client.py [--timeout SECONDS] DEVICE STEP...

Opens DEVICE like a terminal program (raw mode, input flushed) and runs the steps in order:
  send:TEXT      write TEXT (escapes: \\r \\n \\xNN)
  expect:TEXT    wait until TEXT arrives (up to --timeout); what came before it is consumed
  quiet:SECONDS  fail if anything at all arrives within SECONDS
  pause:SECONDS  let SECONDS pass without sending (the guard times around +++)
Exits 0 when every step passed, 1 with a transcript of what arrived otherwise."""
import os
import select
import sys
import termios
import time
import tty


def unescape(text):
    return text.encode("latin-1").decode("unicode_escape").encode("latin-1")


def main(argv):
    timeout = 5.0
    if len(argv) > 2 and argv[1] == "--timeout":
        timeout = float(argv[2])
        argv = [argv[0]] + argv[3:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    fd = os.open(argv[1], os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
    tty.setraw(fd)
    termios.tcflush(fd, termios.TCIOFLUSH)
    buffer = b""

    def receive(until):
        nonlocal buffer
        left = until - time.monotonic()
        if left <= 0:
            return False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            return False
        try:
            data = os.read(fd, 4096)
        except BlockingIOError:
            return True
        buffer += data
        return True

    for step in argv[2:]:
        kind, _, arg = step.partition(":")
        if kind == "send":
            os.write(fd, unescape(arg))
        elif kind == "expect":
            want = unescape(arg)
            deadline = time.monotonic() + timeout
            while want not in buffer:
                if not receive(deadline):
                    print(f"FAIL: expected {want!r}, got {buffer!r}", file=sys.stderr)
                    return 1
            buffer = buffer[buffer.index(want) + len(want):]
        elif kind == "quiet":
            deadline = time.monotonic() + float(arg)
            while receive(deadline):
                pass
            if buffer:
                print(f"FAIL: expected silence, got {buffer!r}", file=sys.stderr)
                return 1
        elif kind == "pause":
            time.sleep(float(arg))
        else:
            print(f"modem_client.py: unknown step {step!r}", file=sys.stderr)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
