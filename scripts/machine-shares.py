#!/usr/bin/env python3
"""Sums a `perf report --sort comm,dso,symbol` listing (scripts/profile-machine.sh) into the machine's shares: by kind
of thread, and the stream threads' share by library."""
import collections
import re
import sys

LINE = re.compile(r'\s*([\d.]+)%\s+(\S.*?)\s{2,}(\S.*?)\s{2,}\[.\]\s')
STREAM_THREADS = ('payment-complet', 'branch-assignme', 'driver-assignme', 'denormaliser-St')


def thread_kind(comm):
    if comm in STREAM_THREADS: return "services' stream threads"
    if comm.startswith('rdk:broker'): return "clients' librdkafka broker threads (every process)"
    if comm == 'rdk:mock': return 'embedded broker thread (rdk:mock)'
    if comm == 'swapper': return 'idle'
    if comm.startswith('.NET'): return '.NET runtime threads (GC, thread pool, tiered JIT)'
    if comm.startswith('rocksdb'): return 'RocksDB background threads'
    return 'other (bench threads and the rest)'


def library(dso):
    if 'JIT' in dso: return 'managed code (JIT)'
    if 'kernel' in dso: return 'kernel'
    if 'rdkafka' in dso: return 'librdkafka'
    if 'rocksdb' in dso: return 'RocksDB'
    if 'coreclr' in dso or 'clrjit' in dso: return '.NET runtime'
    return 'libc and the rest (malloc, memcpy, locks)'


kinds, stream_libraries = collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    match = LINE.match(line)
    if not match: continue
    share, comm, dso = float(match.group(1)), match.group(2).strip(), match.group(3).strip()
    kinds[thread_kind(comm)] += share
    if comm in STREAM_THREADS: stream_libraries[library(dso)] += share
for kind, share in kinds.most_common(): print(f'{share:6.1f}%  {kind}')
print("-- the services' stream threads by library")
for name, share in stream_libraries.most_common(): print(f'{share:6.1f}%  {name}')
