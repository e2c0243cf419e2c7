"""SAM framing: constants from FACTS.md §1.1, resynchronisation, and robustness on arbitrary bytes."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.idcard.protocol import (
    Command,
    FrameDecoder,
    FrameError,
    build_command,
    build_response,
    parse_response,
    status_meaning,
)


@pytest.mark.parametrize(("command", "data", "frame"), [
    (Command.RESET_SAM, b"", "AAAAAA9669000310FFEC"),
    (Command.SAM_STATUS, b"", "AAAAAA9669000311FFED"),
    (Command.SAM_ID, b"", "AAAAAA9669000312FFEE"),
    (Command.FIND_CARD, b"", "AAAAAA966900032001 22"),
    (Command.SELECT_CARD, b"", "AAAAAA966900032002 21"),
    (Command.READ_BASE, b"", "AAAAAA966900033001 32"),
    (Command.READ_BASE_FP, b"", "AAAAAA966900033010 23"),
    (Command.READ_APPENDED_ADDRESS, b"", "AAAAAA966900033003 30"),
    (Command.SET_MAX_RF_BYTES, b"\x50", "AAAAAA96690004 61FF50CA"),
])
def test_command_frames_match_documented_bytes(command: Command, data: bytes, frame: str) -> None:
    assert build_command(command, data) == bytes.fromhex(frame.replace(" ", ""))


def test_response_round_trip() -> None:
    frame = build_response(0x90, b"\x01\x02")
    response = parse_response(frame)
    assert (response.sw1, response.sw2, response.sw3, response.data) == (0, 0, 0x90, b"\x01\x02")
    assert response.ok


def test_parse_response_rejects_bad_checksum_and_length() -> None:
    frame = build_response(0x90, b"abc")
    with pytest.raises(FrameError):
        parse_response(frame[:-1] + bytes((frame[-1] ^ 1,)))
    with pytest.raises(FrameError):
        parse_response(frame[:-2])


def test_decoder_skips_garbage_and_bad_frames() -> None:
    good = build_response(0x9F)
    bad = bytearray(build_response(0x90, b"xyz"))
    bad[-1] ^= 0xFF
    decoder = FrameDecoder()
    frames = decoder.feed(b"\x00\xaa\xaa\x13garbage" + bytes(bad) + b"\xaa\xaa" + good)
    assert frames == [good]
    assert decoder.stats.bad_checksums == 1
    assert decoder.stats.discarded_bytes > 0


def test_decoder_waits_for_split_frames() -> None:
    frame = build_response(0x90, bytes(300))
    decoder = FrameDecoder()
    assert decoder.feed(frame[:3]) == []
    assert decoder.feed(frame[3:200]) == []
    assert decoder.feed(frame[200:]) == [frame]
    assert decoder.pending == 0


def test_decoder_rejects_absurd_length_and_recovers() -> None:
    good = build_response(0x90)
    decoder = FrameDecoder()
    assert decoder.feed(b"\xaa\xaa\xaa\x96\x69\xff\xff" + good) == [good]


def test_status_meanings() -> None:
    assert status_meaning(0x9F) == "card found"
    assert status_meaning(0x00) == "unknown status"


@given(st.binary(max_size=3000))
def test_parse_response_only_raises_frame_error(data: bytes) -> None:
    with contextlib.suppress(FrameError):
        parse_response(data)


@given(st.lists(st.binary(max_size=400), max_size=12))
def test_decoder_never_crashes_and_only_yields_valid_frames(chunks: list[bytes]) -> None:
    decoder = FrameDecoder(min_length=4)
    for chunk in chunks:
        for frame in decoder.feed(chunk):
            parse_response(frame)  # every frame the decoder yields must be a well-formed response


@given(st.binary(max_size=200), st.binary(max_size=1500), st.lists(st.integers(1, 64), min_size=1))
def test_decoder_finds_frame_after_garbage_in_any_chunking(garbage: bytes, payload: bytes,
                                                           cuts: list[int]) -> None:
    frame = build_response(0x90, payload)
    stream = garbage + frame
    decoder = FrameDecoder(min_length=4)
    found: list[bytes] = []
    pos = 0
    index = 0
    while pos < len(stream):
        step = cuts[index % len(cuts)]
        found += decoder.feed(stream[pos:pos + step])
        pos += step
        index += 1
    # Garbage may by chance contain a valid frame; ours must be the last one found.
    assert found and found[-1] == frame
