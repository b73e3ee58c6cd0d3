#!/usr/bin/env python3
"""Writes fuzz/corpus/rasman_client/: D-Bus messages as rasmand sends them to the client
library (fuzz/rasman_client.cpp), each file a first byte naming the client's call, then
the reply to it (reply serial 1, the client's first call), some with signals before it.
Run from the source tree: python3 fuzz/rasman_client_seeds.py"""
import os
import struct

ALIGN = {'y': 1, 'b': 4, 'u': 4, 't': 8, 's': 4, 'o': 4, 'g': 1, 'a': 4, '(': 8, 'v': 1}


def split(sig):
    """The complete types of a signature."""
    out, i = [], 0
    while i < len(sig):
        j = i
        while sig[j] == 'a':
            j += 1
        if sig[j] == '(':
            depth = 0
            while True:
                depth += {'(': 1, ')': -1}.get(sig[j], 0)
                j += 1
                if depth == 0:
                    break
        else:
            j += 1
        out.append(sig[i:j])
        i = j
    return out


class Writer:
    def __init__(self):
        self.b = bytearray()

    def pad(self, n):
        while len(self.b) % n:
            self.b.append(0)

    def put(self, t, v):
        self.pad(ALIGN[t[0]])
        if t == 'y':
            self.b.append(v)
        elif t in ('b', 'u'):
            self.b += struct.pack('<I', int(v))
        elif t == 't':
            self.b += struct.pack('<Q', v)
        elif t in ('s', 'o'):
            data = v.encode()
            self.b += struct.pack('<I', len(data)) + data + b'\0'
        elif t == 'g':
            self.b += bytes([len(v)]) + v.encode() + b'\0'
        elif t == 'v':
            sig, value = v
            self.put('g', sig)
            self.put(sig, value)
        elif t[0] == '(':
            for member, value in zip(split(t[1:-1]), v):
                self.put(member, value)
        elif t[0] == 'a':
            element = t[1:]
            at = len(self.b)
            self.b += b'\0\0\0\0'
            self.pad(ALIGN[element[0]])
            start = len(self.b)
            for value in v:
                self.put(element, value)
            struct.pack_into('<I', self.b, at, len(self.b) - start)


def message(kind, serial, fields, sig, values):
    body = Writer()
    for t, v in zip(split(sig), values):
        body.put(t, v)
    if sig:
        fields = fields + [(8, ('g', sig))]
    head = Writer()
    head.b += b'l' + bytes([kind, 1, 1])
    head.b += struct.pack('<II', len(body.b), serial)
    head.put('a(yv)', fields)
    head.pad(8)
    return bytes(head.b + body.b)


def reply(sig, values, serial=100):
    return message(2, serial, [(5, ('u', 1))], sig, values)


def error(name, text):
    return message(3, 101, [(5, ('u', 1)), (4, ('s', name))], 's', [text])


def signal(member, sig, values):
    return message(4, 102, [(1, ('o', '/org/openras/RasMan1')),
                            (2, ('s', 'org.openras.RasMan1')), (3, ('s', member))], sig, values)


CONNECTION = (1, 1000, 4242, 1700000000, 8192, 0, '/d.so', '/pbk', 'Office', 'modem',
              'Modem1', '5550100', False)
STATS = [1, 2, 3, 4, 0, 0, 0, 0, 0, 0, 100, 50, 115200, 60000]
PROJECTION = [0, [10, 0, 2, 15], [10, 0, 2, 2], 0, 0, 1, [0] * 8, [0] * 8, False, False,
              0xC223, 5, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0]
SEEDS = {
    'list': (0, reply('a(tuutuussssssb)', [[CONNECTION, CONNECTION]])),
    'list-empty': (0, reply('a(tuutuussssssb)', [[]])),
    'get': (1, reply('tuutuussssssb', CONNECTION)),
    'get-not-found': (1, error('org.openras.RasMan1.Error.NotFound', 'no connection 0x1')),
    'statistics': (2, reply('ttttuuuuuuuuut', STATS)),
    'projection': (3, reply('uayayuuuayaybbuuuuuuuuuuuuu', PROJECTION)),
    'credentials': (4, reply('sss', ['alice', 'secret', 'DOMAIN'])),
    'dial': (5, reply('t', [0x4000000000000001])),
    'register': (6, reply('t', [1])),
    'hang-up': (7, reply('', [])),
    'clear-statistics': (8, reply('', [])),
    'signals-then-reply': (0, signal('ConnectionAdded', 't', [7]) +
                           signal('StateChanged', 'tuu', [7, 8192, 0]) +
                           signal('HangUpRequested', 't', [7]) +
                           reply('a(tuutuussssssb)', [[CONNECTION]])),
    'batched-states-then-reply': (0, signal('StatesChanged', 'ta(uu)', [7, [(0, 0), (1, 0),
                                                                          (8192, 0)]]) +
                                  signal('StatesChanged', 'ta(uu)', [8, []]) +
                                  reply('a(tuutuussssssb)', [[CONNECTION]])),
    'access-denied': (4, error('org.openras.RasMan1.Error.AccessDenied', 'not yours')),
    'wrong-signature': (2, reply('t', [5])),
}

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'corpus', 'rasman_client')
os.makedirs(here, exist_ok=True)
for name, (call, data) in SEEDS.items():
    with open(os.path.join(here, name), 'wb') as f:
        f.write(bytes([call]) + data)
