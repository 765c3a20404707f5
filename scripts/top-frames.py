#!/usr/bin/env python3
"""Top frames of one thread kind in a dotnet-trace speedscope file, as shares of that thread's samples.

    scripts/top-frames.py TRACE.speedscope.json [THREAD_FRAME] [N]

Only the threads whose stacks pass through THREAD_FRAME (default: the stream thread, Engine.StreamThread.Run) count, so
the shares say where that thread's time goes: a frame's inclusive share is the part of the thread's samples with
the frame on the stack; its self share, with the frame on top.
"""
import json
import sys
from collections import Counter

path = sys.argv[1]
thread_frame = sys.argv[2] if len(sys.argv) > 2 else "Engine.StreamThread.Run("
count = int(sys.argv[3]) if len(sys.argv) > 3 else 30
trace = json.load(open(path))
names = [f["name"] for f in trace["shared"]["frames"]]


def spans(profile):
    """(stack, milliseconds) of an evented profile: each stretch of time between two events, with the stack open in it."""
    stack, last = [], None
    for event in profile["events"]:
        if last is not None and event["at"] > last and stack:
            yield tuple(stack), event["at"] - last
        last = event["at"]
        if event["type"] == "O":
            stack.append(event["frame"])
        else:
            stack.pop()


inclusive, own, total = Counter(), Counter(), 0.0
for profile in trace["profiles"]:
    stretches = list(spans(profile))
    if not any(thread_frame in names[i] for stack, _ in stretches for i in stack):
        continue
    for stack, ms in stretches:
        total += ms
        own[names[stack[-1]]] += ms
        for name in {names[i] for i in stack}:
            inclusive[name] += ms
if total == 0:
    sys.exit(f"no thread of {path} passes through {thread_frame}")
print(f"{'inclusive':>9} {'self':>6}  frame ({thread_frame} threads, {total:.0f} ms sampled)")
for name, ms in inclusive.most_common(count):
    print(f"{100 * ms / total:8.1f}% {100 * own[name] / total:5.1f}%  {name[:150]}")
