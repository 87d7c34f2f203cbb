#!/usr/bin/env python3
"""Self-test for peer.py: two instances talk to each other, without Parley.

Pair 1 (WhatsApp shapes):
    A: peer.py --mode whatsapp-offer --tone 440    (ICE-lite claim, controlled,
                                                    DTLS server)
    B: peer.py --mode answer --tone 1000 --controlling   (DTLS client)
Pair 2 (browser-like offerer):
    C: peer.py --mode offer --tone 600             (plain aiortc, controlling,
                                                    DTLS server)
    D: peer.py --mode answer --tone 1500           (controlled, DTLS client)

Every peer runs with --report-frequencies <both tones of its pair>.
A small relay passes each offer to the answerer and the answer back. The
test checks the SDP shapes, that each side heard the other's tone within
2 %, that both sent Opus on PT 111, and the levels: the other side's tone
more than 30 dB above the noise floor, the peer's own tone (which nobody
sends back to it) within a few dB of it. Only loopback traffic is involved.
The pairs run one after the other.

Run from the repository root: .venv/bin/python Tests/Interop/selftest.py [-v]
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
SECONDS = 3.0
TIMEOUT = 20.0
HEARD_ABOVE_FLOOR_DB = 30.0  # the other side's tone, at least
OWN_ABOVE_FLOOR_DB = 6.0  # own tone, at most ("not heard")
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


def check_plain_offer(sdp: str) -> list[str]:
    """aiortc's own offer, unmunged (browser-like)."""
    problems = []
    lines = sdp.split("\r\n")
    first_m = next(i for i, l in enumerate(lines) if l.startswith("m="))
    if "a=ice-lite" in lines:
        problems.append("a=ice-lite present")
    for needed in [
        "a=group:BUNDLE 0", "a=mid:0", "a=setup:actpass", "a=sendrecv",
        "a=rtpmap:111 opus/48000/2",
    ]:
        if needed not in lines:
            problems.append(f"missing {needed!r}")
    if lines[first_m].split()[3:4] != ["111"]:
        problems.append(f"Opus/111 not first: {lines[first_m]}")
    if not any(l.startswith("a=fingerprint:sha-512 ") for l in lines):
        problems.append("aiortc's own fingerprint set was munged")
    return problems + check_candidates(lines)


def check_answer(sdp: str, mid: str) -> list[str]:
    lines = sdp.split("\r\n")
    problems = []
    for needed in ["a=setup:active", f"a=mid:{mid}", "a=rtpmap:111 opus/48000/2"]:
        if needed not in lines:
            problems.append(f"answer missing {needed!r}")
    return problems + check_common(lines)


def check_common(lines: list[str]) -> list[str]:
    problems = []
    fps = [l for l in lines if l.startswith("a=fingerprint:")]
    if len(fps) != 1 or not fps[0].startswith("a=fingerprint:sha-256 "):
        problems.append(f"fingerprints: {fps}")
    if "a=end-of-candidates" in lines:
        problems.append("a=end-of-candidates present")
    return problems + check_candidates(lines)


def check_candidates(lines: list[str]) -> list[str]:
    cands = [l for l in lines if l.startswith("a=candidate:")]
    if not cands or any(" 127.0.0.1 " not in c for c in cands):
        return [f"candidates not all on 127.0.0.1: {cands}"]
    return []


def check_levels(name: str, r: dict, own: float, heard: float) -> list[str]:
    levels, floor = r.get("levels") or {}, r.get("noise_floor_db")
    own_db, heard_db = levels.get(f"{own:g}"), levels.get(f"{heard:g}")
    if None in (floor, own_db, heard_db):
        return [f"{name}: levels missing: {levels}, noise floor {floor}"]
    print(
        f"{elapsed()} {name} levels: heard {heard:g} Hz at {heard_db:.1f} dB "
        f"({heard_db - floor:+.1f} dB re floor), own {own:g} Hz at {own_db:.1f} dB "
        f"({own_db - floor:+.1f} dB re floor), noise floor {floor:.1f} dB"
    )
    problems = []
    if heard_db - floor < HEARD_ABOVE_FLOOR_DB:
        problems.append(f"{name}: {heard:g} Hz only {heard_db - floor:.1f} dB above floor")
    if own_db - floor > OWN_ABOVE_FLOOR_DB:
        problems.append(f"{name}: own {own:g} Hz {own_db - floor:.1f} dB above floor")
    return problems


async def run_pair(
    offer_mode: str, tone_offer: float, tone_answer: float, controlling: bool
) -> list[str]:
    freqs = f"{tone_offer:g},{tone_answer:g}"
    common = ["--seconds", str(SECONDS), "--timeout", str(TIMEOUT),
              "--report-frequencies", freqs]
    a = await spawn(f"{offer_mode}({tone_offer:g})", "--mode", offer_mode,
                    "--tone", str(tone_offer), *common)
    b = await spawn(f"answer({tone_answer:g})", "--mode", "answer",
                    "--tone", str(tone_answer),
                    *(["--controlling"] if controlling else []), *common)
    print(f"{elapsed()} === {a.name} <-> {b.name}"
          f"{' (answerer --controlling)' if controlling else ''}")
    whatsapp = offer_mode == "whatsapp-offer"
    problems: list[str] = []
    timings: dict[str, float] = {}
    t0 = time.monotonic()
    try:
        offer = await a.read_until("offer")
        timings["offer"] = time.monotonic() - t0
        print(f"{elapsed()} {a.name} offer:\n  " + offer["sdp"].replace("\r\n", "\n  ").rstrip())
        check = check_offer if whatsapp else check_plain_offer
        problems += [f"offer: {p}" for p in check(offer["sdp"])]
        await b.send(offer)

        answer = await b.read_until("answer")
        timings["answer"] = time.monotonic() - t0
        print(f"{elapsed()} {b.name} answer:\n  " + answer["sdp"].replace("\r\n", "\n  ").rstrip())
        mid = "audio" if whatsapp else "0"
        problems += [f"answer: {p}" for p in check_answer(answer["sdp"], mid)]
        await a.send(answer)

        async def finish(p: Proc) -> None:
            p.result = await p.read_until("result")
            timings[p.name] = time.monotonic() - t0
            await p.proc.wait()

        await asyncio.wait_for(asyncio.gather(finish(a), finish(b)), TIMEOUT + 5)
    except Exception as exc:
        problems.append(f"relay: {type(exc).__name__}: {exc}")
    finally:
        for p in (a, b):
            if p.proc.returncode is None:
                p.proc.kill()
                await p.proc.wait()

    for p, own, expect in ((a, tone_offer, tone_answer), (b, tone_answer, tone_offer)):
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
        problems += check_levels(p.name, r, own, expect)

    print("timings (from pair start): "
          + ", ".join(f"{k} at {v:.2f}s" for k, v in timings.items()))
    if problems or "-v" in sys.argv:
        for p in (a, b):
            print(f"--- {p.name} stderr (tail) ---\n{p.stderr_tail()}", file=sys.stderr)
    return problems


async def main() -> int:
    problems = await run_pair("whatsapp-offer", 440.0, 1000.0, controlling=True)
    problems += await run_pair("offer", 600.0, 1500.0, controlling=False)
    if problems:
        print("FAIL\n  " + "\n  ".join(problems))
        return 1
    print(f"PASS in {time.monotonic() - T0:.2f}s")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
