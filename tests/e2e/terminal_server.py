#!/usr/bin/env python3
"""terminal_server.py: the far end of tests/e2e/modem_script.sh and modem_terminal.sh, run by
rasmodem-sim (exec:) on a pty in raw mode: a gateway that asks for a login name, a password
and a command, and on "ppp" turns into a real PPP server (slirp-fullbolt, from $HOME's
.slirprc). Each answer ends with the carriage return a script or Enter sends. It records the
user name and command it was given in $SERVER_LOG (never the password). With SERVER_ECHO=1
it echoes what it reads, as a terminal server does for a person typing."""
import os
import sys
import time

ECHO = os.environ.get("SERVER_ECHO") == "1"


def say(text):
    os.write(1, text.encode())


def answer():
    got = b""
    while not got.endswith(b"\r"):
        byte = os.read(0, 1)
        if not byte:
            sys.exit(1)
        if ECHO:
            os.write(1, byte)
        got += byte
    return got[:-1].decode()


def record(line):
    with open(os.environ["SERVER_LOG"], "a") as log:
        log.write(line + "\n")


say("Welcome to the test gateway\r\nlogin: ")
user = answer()
record("user=" + user)
say("\r\nPassword: ")
password = answer()
if user != "testuser" or password != "testpass":
    say("\r\nAccess denied\r\n")
    time.sleep(5)
    sys.exit(1)
say("\r\n%s logged in\r\ngateway> " % user)
command = answer()
record("command=" + command)
if command != "ppp":
    say("unknown command\r\n")
    sys.exit(1)
say("\r\nEntering PPP mode.\r\n")
os.execvp("slirp-fullbolt", ["slirp-fullbolt"])
