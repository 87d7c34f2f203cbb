#!/usr/bin/env python3
"""Self-test for peer.py: two instances talk to each other, without Parley.

    A: peer.py --mode whatsapp-offer --tone 440    (ICE-lite claim, controlled,
                                                    DTLS server)
    B: peer.py --mode answer --tone 1000 --controlling   (DTLS client)

A small relay passes A's offer to B and B's answer to A. The test checks the
SDP shapes, that each side heard the other's tone within 2 %, and that both
sent Opus on PT 111. Only loopback traffic is involved.

Run: /work/main/.venv/bin/python Tests/Interop/selftest.py [-v]
(-v prints both peers' stderr even on success.)
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PEER = os.path.join(HERE, "peer.py")
TONE_A, TONE_B = 440.0, 1000.0
SECONDS = 3.0
TIMEOUT = 20.0
T0 = time.monotonic()


def elapsed() -> str:
    return f"{time.monotonic() - T0:6.2f}s"


class Proc:
    def __init__(self, name: str, proc: asyncio.subprocess.Process, errlog) -> None:
        self.name, self.proc, self.errlog = name, proc, errlog
        self.result: dict | None = None

    async def read_until(self, wanted: str) -> dict:
        """Read stdout lines until one of type `wanted`; print state lines."""
        while True:
            line = await self.proc.stdout.readline()
            if not line:
                raise RuntimeError(f"{self.name}: stdout closed before {wanted!r}")
            msg = json.loads(line)
            if msg["type"] == "state":
                print(f"{elapsed()} {self.name} state ice={msg['ice']} dtls={msg['dtls']}")
            if msg["type"] == wanted:
                return msg
            if msg["type"] == "result":
                raise RuntimeError(f"{self.name}: early result {msg}")

    async def send(self, msg: dict) -> None:
        self.proc.stdin.write((json.dumps(msg) + "\n").encode())
        await self.proc.stdin.drain()

    def stderr_tail(self, n: int = 40) -> str:
        self.errlog.flush()
        self.errlog.seek(0)
        return "".join(self.errlog.read().decode(errors="replace").splitlines(True)[-n:])


async def spawn(name: str, *args: str) -> Proc:
    errlog = tempfile.TemporaryFile()
    proc = await asyncio.create_subprocess_exec(
        sys.executable, PEER, *args,
        stdin=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
        stderr=errlog,
    )
    return Proc(name, proc, errlog)


def check_offer(sdp: str) -> list[str]:
    """WhatsApp shape, whatsapp-calling.md 3.1."""
    problems = []
    lines = sdp.split("\r\n")
    if not sdp.endswith("\r\n") or "\n" in sdp.replace("\r\n", ""):
        problems.append("line ends are not CRLF")
    first_m = next(i for i, l in enumerate(lines) if l.startswith("m="))
    if "a=ice-lite" not in lines[:first_m]:
        problems.append("no session-level a=ice-lite")
    for needed in [
        "a=group:BUNDLE audio", "a=mid:audio", "a=setup:actpass", "a=rtcp-mux",
        "a=sendrecv", "a=rtpmap:111 opus/48000/2",
        "a=fmtp:111 minptime=10;useinbandfec=1",
        "a=rtpmap:126 telephone-event/8000",
    ]:
        if needed not in lines:
            problems.append(f"missing {needed!r}")
    if lines[first_m].split()[3:] != ["111", "126"]:
        problems.append(f"m-line payload types: {lines[first_m]}")
    problems += check_common(lines)
    return problems


def check_answer(sdp: str) -> list[str]:
    lines = sdp.split("\r\n")
    problems = []
    for needed in ["a=setup:active", "a=mid:audio", "a=rtpmap:111 opus/48000/2"]:
        if needed not in lines:
            problems.append(f"answer missing {needed!r}")
    return problems + check_common(lines)


def check_common(lines: list[str]) -> list[str]:
    problems = []
    fps = [l for l in lines if l.startswith("a=fingerprint:")]
    if len(fps) != 1 or not fps[0].startswith("a=fingerprint:sha-256 "):
        problems.append(f"fingerprints: {fps}")
    cands = [l for l in lines if l.startswith("a=candidate:")]
    if not cands or any(" 127.0.0.1 " not in c for c in cands):
        problems.append(f"candidates not all on 127.0.0.1: {cands}")
    if "a=end-of-candidates" in lines:
        problems.append("a=end-of-candidates present")
    return problems


async def main() -> int:
    common = ["--seconds", str(SECONDS), "--timeout", str(TIMEOUT)]
    a = await spawn("A(whatsapp-offer)", "--mode", "whatsapp-offer", "--tone", str(TONE_A), *common)
    b = await spawn("B(answer)", "--mode", "answer", "--tone", str(TONE_B), "--controlling", *common)
    problems: list[str] = []
    timings: dict[str, float] = {}
    try:
        offer = await a.read_until("offer")
        timings["offer"] = time.monotonic() - T0
        print(f"{elapsed()} A offer:\n" + offer["sdp"].replace("\r\n", "\n  ").rstrip())
        problems += [f"offer: {p}" for p in check_offer(offer["sdp"])]
        await b.send(offer)

        answer = await b.read_until("answer")
        timings["answer"] = time.monotonic() - T0
        print(f"{elapsed()} B answer:\n" + answer["sdp"].replace("\r\n", "\n  ").rstrip())
        problems += [f"answer: {p}" for p in check_answer(answer["sdp"])]
        await a.send(answer)

        async def finish(p: Proc) -> None:
            p.result = await p.read_until("result")
            timings[p.name] = time.monotonic() - T0
            await p.proc.wait()

        await asyncio.wait_for(asyncio.gather(finish(a), finish(b)), TIMEOUT + 5)
    except Exception as exc:
        problems.append(f"relay: {type(exc).__name__}: {exc}")
    finally:
        for p in (a, b):
            if p.proc.returncode is None:
                p.proc.kill()
                await p.proc.wait()

    for p, expect in ((a, TONE_B), (b, TONE_A)):
        r = p.result
        print(f"{elapsed()} {p.name} exit={p.proc.returncode} result={json.dumps(r)}")
        if r is None:
            problems.append(f"{p.name}: no result")
            continue
        if "error" in r:
            problems.append(f"{p.name}: error {r['error']}")
        f = r.get("received_frequency")
        if f is None or abs(f - expect) > 0.02 * expect:
            problems.append(f"{p.name}: heard {f} Hz, expected {expect} Hz")
        if r.get("send_payload_type") != 111:
            problems.append(f"{p.name}: sent PT {r.get('send_payload_type')}")
        if r.get("received_seconds", 0) < 0.9 * SECONDS:
            problems.append(f"{p.name}: only {r.get('received_seconds')} s received")
        if (r.get("ice_state"), r.get("dtls_state")) != ("completed", "connected"):
            problems.append(f"{p.name}: states {r.get('ice_state')}/{r.get('dtls_state')}")
        if p.proc.returncode != 0:
            problems.append(f"{p.name}: exit code {p.proc.returncode}")

    print("timings: " + ", ".join(f"{k} at {v:.2f}s" for k, v in timings.items()))
    if problems or "-v" in sys.argv:
        for p in (a, b):
            print(f"--- {p.name} stderr (tail) ---\n{p.stderr_tail()}", file=sys.stderr)
    if problems:
        print("FAIL\n  " + "\n  ".join(problems))
        return 1
    print(f"PASS in {time.monotonic() - T0:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
