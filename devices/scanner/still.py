"""Auto-capture for the document camera: fire once when a newly placed document has stopped moving.

Frames are compared on tiny grayscale copies (mean absolute difference, 0..255). The detector needs motion, then
``still_frames`` quiet frames, and a picture that differs from the last capture (or the empty desk), so it fires
once per document and never for the empty desk or a hand passing through.
"""

from __future__ import annotations

from PIL import Image, ImageChops, ImageStat

SAMPLE = (64, 48)


def signature(frame: Image.Image) -> Image.Image:
    return frame.convert("L").resize(SAMPLE, Image.Resampling.BOX)


def difference(a: Image.Image, b: Image.Image) -> float:
    return float(ImageStat.Stat(ImageChops.difference(a, b)).mean[0])


class StillDetector:
    def __init__(self, motion_threshold: float = 6.0, still_threshold: float = 2.0, still_frames: int = 8,
                 change_threshold: float = 8.0) -> None:
        self.motion_threshold = motion_threshold
        self.still_threshold = still_threshold
        self.still_frames = still_frames
        self.change_threshold = change_threshold
        self._baseline: Image.Image | None = None
        self._previous: Image.Image | None = None
        self._moved = False
        self._quiet = 0

    def reset(self) -> None:
        self._baseline = self._previous = None
        self._moved = False
        self._quiet = 0

    def feed(self, frame: Image.Image) -> bool:
        """Feed the next frame; True means "capture now"."""
        current = signature(frame)
        if self._baseline is None or self._previous is None:
            self._baseline = self._previous = current
            return False
        delta = difference(current, self._previous)
        self._previous = current
        if delta >= self.motion_threshold:
            self._moved = True
            self._quiet = 0
            return False
        if delta > self.still_threshold:
            self._quiet = 0
            return False
        self._quiet += 1
        if not self._moved or self._quiet < self.still_frames:
            return False
        self._moved = False
        self._quiet = 0
        if difference(current, self._baseline) < self.change_threshold:
            return False  # back to what was there before (a hand passed through): nothing new to capture
        self._baseline = current
        return True
