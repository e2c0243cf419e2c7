"""Document-camera auto-capture on synthetic frame sequences (this machine has no camera)."""

from __future__ import annotations

import random

from PIL import Image, ImageDraw

from devices.scanner.still import StillDetector
from tests.unit.scanning import images

DESK = Image.new("RGB", (320, 240), (60, 50, 40))


def with_document(offset: int = 0, jitter_seed: int | None = None) -> Image.Image:
    frame = DESK.copy()
    doc = images.text_page(150, 200).convert("RGB")
    frame.paste(doc, (80 + offset, 20))
    if jitter_seed is not None:  # sensor noise
        rnd = random.Random(jitter_seed)
        draw = ImageDraw.Draw(frame)
        for _ in range(40):
            x, y = rnd.randrange(320), rnd.randrange(240)
            draw.point((x, y), fill=(rnd.randrange(256),) * 3)
    return frame


def with_hand(x: int) -> Image.Image:
    frame = DESK.copy()
    ImageDraw.Draw(frame).ellipse((x, 60, x + 120, 200), fill=(220, 170, 140))
    return frame


def run(detector: StillDetector, frames: list[Image.Image]) -> list[int]:
    return [i for i, frame in enumerate(frames) if detector.feed(frame)]


def test_empty_desk_never_fires() -> None:
    assert run(StillDetector(), [DESK] * 40) == []


def test_fires_once_when_a_placed_document_is_still() -> None:
    frames = [DESK] * 5 + [with_document(offset) for offset in (60, 40, 20, 10)]
    frames += [with_document(0, jitter_seed=i) for i in range(30)]
    fired = run(StillDetector(still_frames=8), frames)
    assert len(fired) == 1
    assert fired[0] >= 9 + 8 - 1  # only after eight quiet frames


def test_hand_passing_over_the_empty_desk_does_not_fire() -> None:
    frames = [DESK] * 5 + [with_hand(x) for x in range(0, 300, 40)] + [DESK] * 20
    assert run(StillDetector(), frames) == []


def test_next_document_fires_again_after_a_page_turn() -> None:
    first = [with_document(o) for o in (50, 20, 0)] + [with_document(0)] * 12
    turn = [with_hand(x) for x in range(0, 300, 60)]
    second = [images.text_page(150, 200, seed=9).convert("RGB")] * 12
    second_frames = []
    for page in second:
        frame = DESK.copy()
        frame.paste(page, (90, 25))
        second_frames.append(frame)
    fired = run(StillDetector(), [DESK] * 3 + first + turn + second_frames)
    assert len(fired) == 2


def test_reset_forgets_the_baseline() -> None:
    detector = StillDetector(still_frames=3)
    run(detector, [DESK, with_document(30), with_document(0)] + [with_document(0)] * 5)
    detector.reset()
    assert run(detector, [with_document(0)] * 10) == []
