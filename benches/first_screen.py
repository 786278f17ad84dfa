#!/usr/bin/env python3
"""Time to the first screen of the real binary, through a pseudo-terminal.

For each case the binary is started in a fresh 120x35 pty and the clock stops
when the terminal has received a whole first frame: the status bar's position
("1/…") and the end of a synchronized update. Cases run in turns, so a load on
the machine falls on all of them alike; the median and the minimum of N runs
are printed, with the peak memory the process reached (from /proc, sampled
while it runs).

Usage: benches/first_screen.py [--runs N] [--binary [LABEL=]PATH ...] NAME=PATH[,PATH...] ...
Several --binary options compare builds side by side, in turns.
Example (one file against the whole corpus and four copies of it):
    benches/first_screen.py --runs 9 \
        file=../shared/corpus/partner-center-pr.ja-jp/partner-center/unable-to-sign-in.md \
        corpus=../shared/corpus  corpus4=/tmp/sxs-corpus4
Build the copies with benches/copies.sh N.
"""
import argparse
import os
import pty
import select
import signal
import statistics
import struct
import fcntl
import termios
import tempfile
import time

END_SYNC = b"\x1b[?2026l"


def peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def first_screen(binary, paths, notes):
    """Seconds from exec to the end of the first whole frame, and peak KB."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ.pop("NO_COLOR", None)
        os.execv(binary, [binary, "--notes", notes, *paths])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 35, 120, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = None
    peak = 0
    deadline = start + 60
    while time.perf_counter() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.005)
        peak = max(peak, peak_rss_kb(pid))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 1 << 16)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        # A whole frame: the position ("1/…") has been drawn and the
        # synchronized update that carries it has ended.
        at = seen.find(b"1/")
        if at >= 0 and END_SYNC in seen[at:]:
            elapsed = time.perf_counter() - start
            break
    # Let it settle a moment for the memory figure, then quit.
    settle = time.perf_counter() + 0.3
    while time.perf_counter() < settle:
        peak = max(peak, peak_rss_kb(pid))
        time.sleep(0.02)
    os.write(fd, b"q")
    try:
        for _ in range(100):
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.02)
        else:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)
    return elapsed, peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--binary", action="append", help="[LABEL=]PATH, repeatable")
    parser.add_argument("cases", nargs="+", help="NAME=PATH[,PATH...]")
    args = parser.parse_args()
    binaries = [
        (b.split("=", 1) if "=" in b else (b, b))
        for b in (args.binary or ["target/release/sxs"])
    ]
    cases = [
        (name if len(binaries) == 1 else f"{name}@{label}", binary, paths)
        for name, paths in ((c.split("=", 1)[0], c.split("=", 1)[1].split(",")) for c in args.cases)
        for label, binary in binaries
    ]
    times = {name: [] for name, _, _ in cases}
    peaks = {name: 0 for name, _, _ in cases}
    with tempfile.TemporaryDirectory() as tmp:
        for run in range(args.runs):
            for name, binary, paths in cases:
                notes = os.path.join(tmp, f"{name}-{run}.yaml")
                elapsed, peak = first_screen(binary, paths, notes)
                if elapsed is None:
                    print(f"{name}: no first frame within 60 s")
                    continue
                times[name].append(elapsed)
                peaks[name] = max(peaks[name], peak)
    print(f"{'case':<16} {'median':>9} {'min':>9} {'peak MB':>9}  runs")
    for name, _, _ in cases:
        t = times[name]
        if not t:
            continue
        print(
            f"{name:<16} {statistics.median(t) * 1000:8.1f}ms {min(t) * 1000:8.1f}ms "
            f"{peaks[name] / 1024:9.1f}  {len(t)}"
        )


if __name__ == "__main__":
    main()
