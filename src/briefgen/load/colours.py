"""Colour arithmetic for the theme: tints of the accent and WCAG contrast checks."""

from __future__ import annotations

# WCAG AA for normal text: the accent colours headings and links on white and is the
# background of white masthead text, so it needs this contrast with white either way.
MIN_CONTRAST = 4.5


def _channels(colour: str) -> list[int]:
    """The red, green and blue of a #rgb or #rrggbb colour, 0 to 255."""
    digits = colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return [int(digits[i : i + 2], 16) for i in (0, 2, 4)]


def tint(colour: str, amount: float) -> str:
    """Mix a #rgb/#rrggbb colour with white: amount 0 keeps it, 1 gives white."""
    channels = _channels(colour)
    return "#" + "".join(f"{round(c + (255 - c) * amount):02x}" for c in channels)


def _luminance(colour: str) -> float:
    channels = [c / 255 for c in _channels(colour)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_with_white(colour: str) -> float:
    """The WCAG contrast ratio of a #rgb/#rrggbb colour against white."""
    return 1.05 / (_luminance(colour) + 0.05)


def darken_to_contrast(colour: str, target: float = MIN_CONTRAST) -> str:
    """The colour scaled towards black just enough to reach ``target`` against white."""
    channels = _channels(colour)
    for step in range(100, -1, -1):
        candidate = "#" + "".join(f"{round(c * step / 100):02x}" for c in channels)
        if contrast_with_white(candidate) >= target + 0.05:
            return candidate
    return "#000000"
