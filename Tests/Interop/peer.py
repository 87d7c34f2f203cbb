#!/usr/bin/env python3
"""WhatsApp-shaped WebRTC test peer for Parley's interop tests (aiortc).

A Swift test drives this script as a subprocess. The protocol is one JSON
object per line on stdin/stdout; logs go to stderr only.

    peer.py --mode whatsapp-offer|offer|answer --tone HZ --seconds S
            [--timeout T] [--report-frequencies F1,F2,...]

--mode whatsapp-offer  Plays a WhatsApp phone placing a user-initiated call
                       (whatsapp-calling.md 3.1). Prints an ICE-lite Opus/111
                       offer, then reads Parley's answer (Parley: setup:active,
                       ICE controlling). Here aiortc is ICE controlled and the
                       DTLS server.
--mode offer           A plain aiortc offerer, browser-like (a non-WhatsApp
                       conference participant): no munging at all, i.e. no
                       ice-lite claim, mid "0", sha-256/384/512 fingerprints,
                       a=end-of-candidates, Opus/111 (see below) then G722/9,
                       PCMU/0 and PCMA/8, setup:actpass. aiortc is a full ICE agent
                       and controlling, as every offerer against a full
                       answerer; Parley (full agent) answers controlled and
                       setup:active, so aiortc is the DTLS server.
--mode answer          Plays WhatsApp answering a business-initiated call
                       (whatsapp-calling.md 3.3). Reads Parley's offer and
                       prints an answer with setup:active, so aiortc is the
                       DTLS client. Like Meta's answer it claims a=ice-lite;
                       aiortc is ICE controlled (RFC 8445: Parley's offer is
                       a full agent).
--controlling          (hidden, answer mode, self-test only) make aiortc's ICE
                       agent controlling and drop the ice-lite claim.
--report-frequencies F1,F2,...
                       (Hz) add "levels" and "noise_floor_db" to the result,
                       for mix-minus checks in conference rooms (see below).
--verbose              debug logging to stderr.

stdout lines:
    {"type":"offer","sdp":...}                          (whatsapp-offer/offer)
    {"type":"answer","sdp":...}                         (answer mode)
    {"type":"state","ice":...,"dtls":...}               on every state change
    {"type":"result","ice_state":...,"dtls_state":...,"received_seconds":...,
     "received_frequency":...,"rms":...,"frames":N,"send_payload_type":111,
     ["levels":{"F1":dB,...},"noise_floor_db":dB,]
     ["error":...]}                                     last line
stdin lines:
    {"type":"answer","sdp":...}                         (whatsapp-offer/offer)
    {"type":"offer","sdp":...}                          (answer mode)

After signalling every mode sends a continuous sine of --tone Hz and record
the remote track for --seconds after its first frame. Exit code is 0 on
success, 1 on error (timeout, no/silent audio, remote audio ended early,
Opus not on PT 111, bad SDP). ice_state is aiortc's iceConnectionState
("completed" once a pair is nominated). rms is in full-scale units of the
mono mix; note aiortc's own encoder upmixes mono at -3 dB, so aiortc's
0.3 FS tone arrives at about 0.15.

levels (only with --report-frequencies): keys are the listed frequencies
formatted like Python's "%g" (440 -> "440", 440.5 -> "440.5"); values are
the received level at that frequency in dB relative to a full-scale sine
(an amplitude-1.0 sine reads 0.0; aiortc's 0.3 FS tone, -10.5 dB, arrives at
about -13.5 dB because of the -3 dB upmix noted above). Measured on the
recording after its first 0.3 s, as the power of a Hann-windowed FFT
summed over +-5 Hz around the frequency, so tones >= 100 Hz apart do not
leak into each other. noise_floor_db is the median level, measured the
same way, at every 50 Hz from 200 to 3500 Hz except within +-30 Hz of a
listed frequency. Levels are clamped at -200.0 (digital silence); both
fields are null if less than 0.1 s was left to analyse.

NETWORK RULE: only loopback. Host candidates are forced to 127.0.0.1, no
STUN/TURN servers are configured and mDNS resolution is disabled.
"""

from __future__ import annotations

import argparse
import asyncio
import fractions
import json
import logging
import sys
import threading
import time

import av
import numpy as np

SAMPLE_RATE = 48000
FRAME_SAMPLES = 960  # 20 ms at 48 kHz, WhatsApp's packetisation
TONE_AMPLITUDE = 0.3  # of full scale
SKIP_SECONDS = 0.2  # skip decoder start-up / jitter-buffer fill before the FFT
# --report-frequencies: see the module docstring.
LEVEL_SKIP_SECONDS = 0.3
LEVEL_HALF_BAND_HZ = 5.0
NOISE_GRID_HZ = np.arange(200.0, 3500.0 + 1.0, 50.0)
NOISE_EXCLUDE_HZ = 30.0
LEVEL_MIN_DB = -200.0
# After the result line, keep sending for a moment before closing, so a peer
# that started recording a few ms later still gets its full --seconds of
# audio instead of a DTLS close_notify.
LINGER_SECONDS = 0.5
OPUS_PT = 111  # WhatsApp always uses Opus on PT 111
DTMF_PT = 126  # telephone-event/8000, always on PT 126

log = logging.getLogger("peer")


# --------------------------------------------------------------------------
# Patches that must run before any RTCPeerConnection exists.
# --------------------------------------------------------------------------


def patch_aioice_loopback_only() -> None:
    """Keep all ICE traffic on 127.0.0.1.

    aioice.ice.Connection.gather_candidates() calls the module-level
    aioice.ice.get_host_addresses(use_ipv4, use_ipv6), which deliberately
    skips 127.0.0.1 and returns every other interface address. Replace it so
    the only host candidate is loopback. aioice never publishes mDNS
    candidates itself but would multicast a query to resolve a remote
    `*.local` candidate; refuse that, since it would leave loopback.
    """
    import aioice.ice

    def loopback_only(use_ipv4: bool, use_ipv6: bool) -> list[str]:
        return ["127.0.0.1"]

    async def no_mdns(subscriber: object) -> None:
        raise ConnectionError("mDNS disabled by peer.py (loopback-only test)")

    aioice.ice.get_host_addresses = loopback_only
    aioice.ice.get_or_create_mdns_protocol = no_mdns


def patch_aiortc_opus_pt111() -> None:
    """Make aiortc itself use Opus on payload type 111.

    aiortc's codec table (aiortc.codecs.CODECS["audio"]) lists Opus on the
    dynamic PT 96 with no fmtp. createOffer() copies this table into the
    transceiver, and the negotiated send/receive codecs are derived from it,
    so rewriting the text of the SDP alone would leave aiortc's internal
    state on 96 until the answer arrives. Replacing the entry makes aiortc
    offer, send and expect 111 with WhatsApp's fmtp (minptime=10;
    useinbandfec=1; aiortc's Opus encoder ignores those parameters).
    When aiortc answers, find_common_codecs() adopts the offerer's dynamic PT
    anyway, so this patch is harmless in answer mode.
    """
    from aiortc.codecs import CODECS
    from aiortc.rtcrtpparameters import RTCRtpCodecParameters

    audio = CODECS["audio"]
    for i, codec in enumerate(audio):
        if codec.mimeType.lower() == "audio/opus":
            audio[i] = RTCRtpCodecParameters(
                mimeType="audio/opus",
                clockRate=48000,
                channels=2,
                payloadType=OPUS_PT,
                parameters={"minptime": 10, "useinbandfec": 1},
            )
            return
    raise RuntimeError("aiortc has no Opus codec entry")


# --------------------------------------------------------------------------
# SDP munging. aiortc already uses CRLF line ends; keep them.
# --------------------------------------------------------------------------


def sdp_lines(sdp: str) -> list[str]:
    return [line for line in sdp.replace("\r\n", "\n").split("\n") if line]


def sdp_join(lines: list[str]) -> str:
    return "\r\n".join(lines) + "\r\n"


def rename_mid(sdp: str, new_mid: str) -> str:
    """Rename aiortc's mid "0" to WhatsApp's "audio".

    Done on the offer *before* setLocalDescription(): aiortc takes the mid
    from the description it is given (transceiver._set_mid) and puts it in
    the BUNDLE group and in the RTP sdes:mid extension, so its own state
    then agrees with what Parley sees.
    """
    out = []
    for line in sdp_lines(sdp):
        if line.startswith("a=mid:"):
            line = f"a=mid:{new_mid}"
        elif line.startswith("a=group:BUNDLE"):
            line = f"a=group:BUNDLE {new_mid}"
        out.append(line)
    return sdp_join(out)


def whatsapp_extmaps(sdp: str) -> str:
    """Use WhatsApp's header extension set, as far as aiortc implements it.

    WhatsApp offers ssrc-audio-level as extmap id 1 and no sdes:mid. aiortc
    offers sdes:mid=1 and ssrc-audio-level=2. Done before
    setLocalDescription(); once the answer arrives aiortc uses the ids from
    the answer (find_common_header_extensions), so the result is consistent.
    abs-send-time and transport-cc are not offered: aiortc does not
    implement them for audio and would be lying.
    """
    out = []
    for line in sdp_lines(sdp):
        if line.startswith("a=extmap:"):
            if "urn:ietf:params:rtp-hdrext:ssrc-audio-level" in line:
                line = "a=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level"
            else:
                continue
        out.append(line)
    return sdp_join(out)


def whatsappify(sdp: str, *, ice_lite: bool, add_dtmf: bool) -> str:
    """Final, text-only munging of aiortc's local description.

    These are attributes aiortc regenerates from its transports every time
    the description is serialised, so they can only be fixed in the text:
      - aiortc lists sha-256, sha-384 and sha-512 fingerprints; WhatsApp
        sends and accepts exactly one `a=fingerprint:sha-256`.
      - WhatsApp is an ICE-lite agent and says so at session level
        (`a=ice-lite` after the msid-semantic line, as in Meta's sample).
        aiortc's own agent stays a full agent in the controlled role.
      - WhatsApp never trickles: no `a=end-of-candidates`, no ice-options.
      - WhatsApp always lists telephone-event/8000 on PT 126 next to Opus.
        aiortc has no DTMF codec; it drops PT 126 from what it negotiates
        and ignores RTP with an unknown PT, so advertising it is harmless.
    """
    lines = sdp_lines(sdp)
    out: list[str] = []
    seen_media = False
    for line in lines:
        if line.startswith("m=") and not seen_media:
            seen_media = True
            if ice_lite:
                out.append("a=ice-lite")
        if line.startswith("a=fingerprint:") and not line.startswith(
            "a=fingerprint:sha-256 "
        ):
            continue
        if line in ("a=end-of-candidates", "a=ice-lite") or line.startswith(
            "a=ice-options:"
        ):
            continue
        if add_dtmf and line.startswith("m=audio ") and f" {DTMF_PT}" not in line:
            line += f" {DTMF_PT}"
        out.append(line)
        if add_dtmf and line.startswith(f"a=fmtp:{OPUS_PT} "):
            out.append(f"a=rtpmap:{DTMF_PT} telephone-event/8000")
    result = sdp_join(out)
    fingerprints = [line for line in out if line.startswith("a=fingerprint:")]
    if len(fingerprints) != 1:
        raise RuntimeError(f"expected one sha-256 fingerprint, got {fingerprints}")
    if add_dtmf and f"a=rtpmap:{DTMF_PT} telephone-event/8000" not in out:
        raise RuntimeError("could not place telephone-event (no Opus fmtp line)")
    return result


# --------------------------------------------------------------------------
# Media
# --------------------------------------------------------------------------


def make_tone_track(hz: float):
    from aiortc.mediastreams import MediaStreamError, MediaStreamTrack

    class ToneTrack(MediaStreamTrack):
        """Continuous sine, 48 kHz mono s16, 20 ms frames paced in real time."""

        kind = "audio"

        def __init__(self) -> None:
            super().__init__()
            self._start: float | None = None
            self._pts = 0

        async def recv(self) -> av.AudioFrame:
            if self.readyState != "live":
                raise MediaStreamError
            if self._start is None:
                self._start = time.monotonic()
            else:
                self._pts += FRAME_SAMPLES
                wait = self._start + self._pts / SAMPLE_RATE - time.monotonic()
                if wait > 0:
                    await asyncio.sleep(wait)
            n = np.arange(self._pts, self._pts + FRAME_SAMPLES, dtype=np.float64)
            pcm = TONE_AMPLITUDE * 32767 * np.sin(2 * np.pi * hz * n / SAMPLE_RATE)
            frame = av.AudioFrame.from_ndarray(
                pcm.astype(np.int16).reshape(1, -1), format="s16", layout="mono"
            )
            frame.sample_rate = SAMPLE_RATE
            frame.pts = self._pts
            frame.time_base = fractions.Fraction(1, SAMPLE_RATE)
            return frame

    return ToneTrack()


def frame_to_mono(frame: av.AudioFrame) -> np.ndarray:
    """Return the frame as mono float samples in [-1, 1)."""
    data = frame.to_ndarray()
    channels = len(frame.layout.channels)
    if frame.format.is_planar:
        mono = data.reshape(channels, -1).mean(axis=0)
    else:
        mono = data.reshape(-1, channels).mean(axis=1)
    if np.issubdtype(data.dtype, np.integer):
        mono = mono / float(np.iinfo(data.dtype).max + 1)
    return mono.astype(np.float64)


def dominant_frequency(x: np.ndarray, rate: int) -> float:
    """Peak of a Hann-windowed FFT with log-parabolic sub-bin interpolation."""
    x = x - x.mean()
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x))))
    k = int(np.argmax(spectrum[1:-1])) + 1
    a, b, c = np.log(spectrum[k - 1 : k + 2] + 1e-12)
    denom = a - 2 * b + c
    offset = 0.5 * (a - c) / denom if denom != 0 else 0.0
    return (k + offset) * rate / len(x)


def band_levels_db(x: np.ndarray, rate: int, freqs) -> list[float]:
    """Level at each frequency in dB re a full-scale sine (see docstring).

    For a sine of amplitude A the Hann-windowed rfft puts, by Parseval,
    N * A^2 * sum(w^2) / 4 of power around its frequency (nearly all of it
    within the +-2-bin main lobe); dividing by that for A = 1 gives 0 dB
    for a full-scale sine.
    """
    x = x - x.mean()
    w = np.hanning(len(x))
    power = np.abs(np.fft.rfft(x * w)) ** 2
    full_scale = len(x) * float(np.sum(w**2)) / 4.0
    bin_hz = rate / len(x)
    levels = []
    for f in freqs:
        lo = int(np.ceil((f - LEVEL_HALF_BAND_HZ) / bin_hz))
        hi = int(np.floor((f + LEVEL_HALF_BAND_HZ) / bin_hz))
        if hi < lo:  # very short recording: bins wider than the band
            lo = hi = int(round(f / bin_hz))
        lo, hi = max(lo, 0), min(hi, len(power) - 1)
        p = float(power[lo : hi + 1].sum()) / full_scale
        db = float(10.0 * np.log10(p)) if p > 0 else LEVEL_MIN_DB
        levels.append(max(LEVEL_MIN_DB, db))
    return levels


def frequency_key(f: float) -> str:
    return f"{f:g}"


class Recorder:
    """Reads the remote track and keeps `seconds` of audio after frame one."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.chunks: list[np.ndarray] = []
        self.frames = 0
        self.rate = SAMPLE_RATE
        self.first_frame_at: float | None = None
        self.ended_early_after: float | None = None  # remote track ended first
        self.done = asyncio.Event()
        self.task: asyncio.Task | None = None

    def start(self, track) -> None:
        if self.task is None:
            self.task = asyncio.ensure_future(self._run(track))

    async def _run(self, track) -> None:
        from aiortc.mediastreams import MediaStreamError

        try:
            while True:
                frame = await track.recv()
                now = time.monotonic()
                if self.first_frame_at is None:
                    self.first_frame_at = now
                    log.info("first remote audio frame (%s Hz)", frame.sample_rate)
                self.rate = frame.sample_rate
                self.chunks.append(frame_to_mono(frame))
                self.frames += 1
                if now - self.first_frame_at >= self.seconds:
                    break
        except MediaStreamError:
            log.info("remote track ended")
            started = self.first_frame_at
            self.ended_early_after = time.monotonic() - started if started else 0.0
        finally:
            self.done.set()

    def analyse(self, report_frequencies: list[float] | None = None) -> dict:
        audio = np.concatenate(self.chunks) if self.chunks else np.zeros(0)
        result = {
            "received_seconds": round(len(audio) / self.rate, 3),
            "frames": self.frames,
            "received_frequency": None,
            "rms": 0.0,
        }
        tail = audio[int(SKIP_SECONDS * self.rate) :]
        if len(tail) >= self.rate // 10:
            result["rms"] = round(float(np.sqrt(np.mean(tail**2))), 5)
            result["received_frequency"] = round(
                float(dominant_frequency(tail, self.rate)), 2
            )
        if report_frequencies:
            result.update(self.levels(audio, report_frequencies))
        return result

    def levels(self, audio: np.ndarray, freqs: list[float]) -> dict:
        keys = [frequency_key(f) for f in freqs]
        tail = audio[int(LEVEL_SKIP_SECONDS * self.rate) :]
        if len(tail) < self.rate // 10:
            return {"levels": {k: None for k in keys}, "noise_floor_db": None}
        noise_freqs = [
            g
            for g in NOISE_GRID_HZ
            if all(abs(g - f) > NOISE_EXCLUDE_HZ for f in freqs)
        ]
        measured = band_levels_db(tail, self.rate, list(freqs) + noise_freqs)
        levels = dict(zip(keys, (round(v, 2) + 0.0 for v in measured[: len(freqs)])))
        noise = measured[len(freqs) :]
        floor = round(float(np.median(noise)), 2) if noise else None
        return {"levels": levels, "noise_floor_db": floor}


# --------------------------------------------------------------------------
# Signalling over stdin/stdout
# --------------------------------------------------------------------------


def emit(obj: dict) -> None:
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


class StdinLines:
    """Lines of stdin as an async queue.

    A daemon thread does the blocking reads, so this works for pipes, ttys,
    files and /dev/null alike (asyncio's connect_read_pipe rejects the last
    two) and never keeps the process alive at exit.
    """

    def __init__(self) -> None:
        loop = asyncio.get_running_loop()
        self.queue: asyncio.Queue[str | None] = asyncio.Queue()

        def pump() -> None:
            for line in sys.stdin:
                loop.call_soon_threadsafe(self.queue.put_nowait, line)
            loop.call_soon_threadsafe(self.queue.put_nowait, None)  # EOF

        threading.Thread(target=pump, name="stdin", daemon=True).start()

    async def read_message(self, expected: str) -> dict:
        """Return the next message of type `expected`, skipping others."""
        while True:
            line = await self.queue.get()
            if line is None:
                raise RuntimeError(f"stdin closed while waiting for {expected!r}")
            line = line.strip()
            if not line:
                continue
            msg = json.loads(line)
            if msg.get("type") == expected:
                return msg
            log.warning("ignoring stdin message of type %r", msg.get("type"))


# --------------------------------------------------------------------------
# The peer
# --------------------------------------------------------------------------


class Peer:
    def __init__(self, args: argparse.Namespace) -> None:
        from aiortc import RTCConfiguration, RTCPeerConnection

        self.args = args
        # iceServers=[] matters: with None aiortc adds stun.l.google.com.
        self.pc = RTCPeerConnection(RTCConfiguration(iceServers=[]))
        self.recorder = Recorder(args.seconds)
        self.transceiver = None
        self.send_codec = None  # the codec aiortc's RTP sender actually uses
        self._last_state: tuple | None = None
        self.finished = False  # no state lines after the result line

        @self.pc.on("iceconnectionstatechange")
        def _on_ice() -> None:
            self.report_state()

        @self.pc.on("track")
        def _on_track(track) -> None:
            log.info("remote %s track", track.kind)
            if track.kind == "audio":
                self.recorder.start(track)

    # -- helpers ----------------------------------------------------------

    @property
    def dtls(self):
        return self.transceiver.receiver.transport if self.transceiver else None

    @property
    def ice(self):
        return self.dtls.transport if self.dtls else None

    def states(self) -> tuple[str, str]:
        return self.pc.iceConnectionState, (self.dtls.state if self.dtls else "new")

    def report_state(self) -> None:
        state = self.states()
        if state != self._last_state and not self.finished:
            self._last_state = state
            emit({"type": "state", "ice": state[0], "dtls": state[1]})

    def watch_transceiver(self, transceiver) -> None:
        """Remember the audio transceiver and spy on its sender's codec.

        RTCRtpSender.send() starts `_run_rtp(parameters.codecs[0])`, and every
        RTP packet it sends carries `codec.payloadType`. Wrapping _run_rtp
        records that codec without a packet capture.
        """
        self.transceiver = transceiver
        self.dtls.on("statechange", self.report_state)
        sender = transceiver.sender
        original = sender._run_rtp

        def spy(codec):
            self.send_codec = codec
            log.info("sender uses %s on PT %d", codec.mimeType, codec.payloadType)
            return original(codec)

        sender._run_rtp = spy

    def check_opus_pt(self) -> None:
        """After negotiation Opus must be PT 111 in both directions."""
        codecs = self.transceiver._codecs  # set by setRemoteDescription()
        if not codecs or codecs[0].mimeType.lower() != "audio/opus":
            raise RuntimeError(f"Opus not negotiated: {codecs}")
        if codecs[0].payloadType != OPUS_PT:
            raise RuntimeError(f"Opus negotiated on PT {codecs[0].payloadType}")
        log.info("negotiated codecs: %s", [(c.mimeType, c.payloadType) for c in codecs])

    # -- modes ------------------------------------------------------------

    async def whatsapp_offer(self, stdin: StdinLines) -> None:
        from aiortc import RTCRtpSender, RTCSessionDescription

        transceiver = self.pc.addTransceiver(
            make_tone_track(self.args.tone), direction="sendrecv"
        )
        self.watch_transceiver(transceiver)
        # Offer Opus only (no G722/PCMU/PCMA); PT 126 is added as text later.
        opus = [
            c
            for c in RTCRtpSender.getCapabilities("audio").codecs
            if c.mimeType.lower() == "audio/opus"
        ]
        transceiver.setCodecPreferences(opus)

        # ICE role. RTCPeerConnection.setLocalDescription(offer) makes the
        # offerer controlling: `if not iceTransport._role_set:
        # iceTransport._connection.ice_controlling = True`. We claim ice-lite,
        # and an ICE-lite agent is always controlled, so Parley will be
        # controlling; pre-set the role and mark it as set so aiortc keeps it
        # (its aioice agent then never sends USE-CANDIDATE and answers role
        # conflicts correctly).
        self.ice._connection.ice_controlling = False
        self.ice._role_set = True

        offer = await self.pc.createOffer()
        sdp = whatsapp_extmaps(rename_mid(offer.sdp, "audio"))
        # setLocalDescription() gathers candidates (127.0.0.1 only).
        await self.pc.setLocalDescription(RTCSessionDescription(sdp=sdp, type="offer"))
        sdp = whatsappify(self.pc.localDescription.sdp, ice_lite=True, add_dtmf=True)
        emit({"type": "offer", "sdp": sdp})

        msg = await stdin.read_message("answer")
        await self.pc.setRemoteDescription(
            RTCSessionDescription(sdp=msg["sdp"], type="answer")
        )
        self.check_opus_pt()
        # Parley answers setup:active, which makes aiortc the DTLS server.
        log.info("ICE role %s, DTLS role %s", self.ice.role, self.dtls._role)
        if self.dtls._role != "server":
            raise RuntimeError(f"expected DTLS server role, got {self.dtls._role}")

    async def plain_offer(self, stdin: StdinLines) -> None:
        """A browser-like offer: aiortc exactly as it is (except Opus on 111,
        patched globally), no text munging. setLocalDescription() makes
        aiortc's full agent ICE controlling; the answerer picks DTLS roles."""
        from aiortc import RTCSessionDescription

        transceiver = self.pc.addTransceiver(
            make_tone_track(self.args.tone), direction="sendrecv"
        )
        self.watch_transceiver(transceiver)
        offer = await self.pc.createOffer()
        await self.pc.setLocalDescription(offer)  # gathers 127.0.0.1 only
        emit({"type": "offer", "sdp": self.pc.localDescription.sdp})

        msg = await stdin.read_message("answer")
        await self.pc.setRemoteDescription(
            RTCSessionDescription(sdp=msg["sdp"], type="answer")
        )
        self.check_opus_pt()
        log.info("ICE role %s, DTLS role %s", self.ice.role, self.dtls._role)
        if self.ice.role != "controlling":
            raise RuntimeError(f"expected ICE controlling, got {self.ice.role}")

    async def answer(self, stdin: StdinLines) -> None:
        from aiortc import RTCSessionDescription

        msg = await stdin.read_message("offer")
        offer_sdp = msg["sdp"]
        await self.pc.setRemoteDescription(
            RTCSessionDescription(sdp=offer_sdp, type="offer")
        )
        audio = [t for t in self.pc.getTransceivers() if t.kind == "audio"]
        if len(audio) != 1:
            raise RuntimeError(f"expected one audio m-line, got {len(audio)}")
        self.watch_transceiver(audio[0])
        self.pc.addTrack(make_tone_track(self.args.tone))  # reuses the transceiver
        self.check_opus_pt()

        # ICE role. setRemoteDescription(offer) set
        # `ice_controlling = media.ice.iceLite`, i.e. controlled against a
        # full-agent offerer such as Parley (correct per RFC 8445). The hidden
        # --controlling flag overrides it for the self-test.
        if self.args.controlling:
            self.ice._connection.ice_controlling = True

        answer = await self.pc.createAnswer()
        # createAnswer() answers an actpass offer with role "client"
        # (setup:active), like WhatsApp. setLocalDescription() then applies
        # that role to the DTLS transport; verify rather than trust it.
        await self.pc.setLocalDescription(answer)
        if self.dtls._role != "client":
            raise RuntimeError(f"expected DTLS client role, got {self.dtls._role}")
        # Meta's answers carry a=ice-lite (whatsapp-calling.md 3.3). A
        # controlling agent cannot claim lite, so not with --controlling.
        sdp = whatsappify(
            self.pc.localDescription.sdp,
            ice_lite=not self.args.controlling,
            add_dtmf="telephone-event/8000" in offer_sdp,
        )
        if "a=setup:active" not in sdp:
            raise RuntimeError("answer is not a=setup:active")
        log.info("ICE role %s, DTLS role %s", self.ice.role, self.dtls._role)
        emit({"type": "answer", "sdp": sdp})

    async def run(self) -> dict:
        stdin = StdinLines()
        if self.args.mode == "whatsapp-offer":
            await self.whatsapp_offer(stdin)
        elif self.args.mode == "offer":
            await self.plain_offer(stdin)
        else:
            await self.answer(stdin)
        await self.recorder.done.wait()
        return self.result()

    def result(self, error: str | None = None) -> dict:
        ice, dtls = self.states()
        result = {"type": "result", "ice_state": ice, "dtls_state": dtls}
        result.update(self.recorder.analyse(self.args.report_frequencies))
        result["send_payload_type"] = (
            self.send_codec.payloadType if self.send_codec else None
        )
        if error is None:
            if result["frames"] == 0:
                error = "no remote audio received"
            elif self.recorder.ended_early_after is not None:
                error = (
                    "remote audio ended after "
                    f"{self.recorder.ended_early_after:.2f} s"
                )
            elif result["received_frequency"] is None:
                error = "too little remote audio to analyse"
            elif result["rms"] < 1e-4:
                error = "remote audio is silent"
            elif self.send_codec is None or self.send_codec.payloadType != OPUS_PT:
                error = f"sender did not use Opus on PT {OPUS_PT}"
        if error is not None:
            result["error"] = error
        return result


async def main_async(args: argparse.Namespace) -> int:
    patch_aioice_loopback_only()
    patch_aiortc_opus_pt111()
    peer = Peer(args)
    started = time.monotonic()
    try:
        result = await asyncio.wait_for(peer.run(), timeout=args.timeout)
    except asyncio.TimeoutError:
        result = peer.result(f"timeout after {args.timeout:g} s")
    except Exception as exc:  # report any failure as a result line
        log.exception("peer failed")
        result = peer.result(f"{type(exc).__name__}: {exc}")
    log.info("finished after %.2f s", time.monotonic() - started)
    peer.finished = True
    emit(result)
    if "error" not in result:
        await asyncio.sleep(LINGER_SECONDS)
    if peer.recorder.task is not None:
        peer.recorder.task.cancel()
    await peer.pc.close()
    return 1 if "error" in result else 0


def parse_frequencies(text: str) -> list[float]:
    try:
        freqs = [float(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a comma-separated list of Hz: {text!r}")
    if not freqs or any(not 0 < f < SAMPLE_RATE / 2 for f in freqs):
        raise argparse.ArgumentTypeError(f"need frequencies in (0, 24000): {text!r}")
    # Drop duplicates (by their key), keep the order given.
    return list({frequency_key(f): f for f in freqs}.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", required=True, choices=["whatsapp-offer", "offer", "answer"])
    parser.add_argument("--tone", type=float, required=True, help="Hz")
    parser.add_argument("--seconds", type=float, required=True)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument(
        "--report-frequencies",
        type=parse_frequencies,
        metavar="F1,F2,...",
        help="Hz; add per-frequency levels and noise_floor_db to the result",
    )
    # Self-test only: make aiortc's ICE agent controlling (peer.py against
    # peer.py, where the "WhatsApp" offerer is controlled).
    parser.add_argument("--controlling", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--verbose", action="store_true", help="debug logs to stderr")
    args = parser.parse_args()
    if args.controlling and args.mode != "answer":
        parser.error("--controlling only applies to --mode answer")
    if args.tone <= 0 or args.tone >= SAMPLE_RATE / 2 or args.seconds <= SKIP_SECONDS:
        parser.error("need 0 < tone < 24000 and seconds > 0.2")
    if args.report_frequencies and args.seconds < LEVEL_SKIP_SECONDS + 0.2:
        parser.error("--report-frequencies needs --seconds >= 0.5")
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.DEBUG if args.verbose else logging.INFO,
        format=f"%(asctime)s peer[{args.mode}] %(name)s %(levelname)s %(message)s",
    )
    return asyncio.run(main_async(args))


if __name__ == "__main__":
    sys.exit(main())
