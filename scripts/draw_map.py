#!/usr/bin/env python3
"""Draw a locator map of Afghanistan and its neighbours as a self-contained SVG.

Data: Natural Earth 1:110m Admin 0 countries and 1:110m populated places
(public domain), as shipped in the geopandas 0.14.4 wheel under
``geopandas/datasets/naturalearth_lowres/`` and ``.../naturalearth_cities/``.

Usage:
    python scripts/draw_map.py DATA [-o OUT.svg]

DATA is one of:
  * the geopandas wheel (``geopandas-0.14.4-py3-none-any.whl``), read in place;
  * an extracted folder containing ``naturalearth_lowres/`` and
    ``naturalearth_cities/`` (e.g. ``.../geopandas/datasets``), or any parent
    of such a ``geopandas/datasets`` folder.

Needs only pyshp and the standard library. Output is deterministic: the same
input gives a byte-identical SVG.
"""

from __future__ import annotations

import re
import argparse
import io
import math
import os
import sys
import zipfile
from xml.sax.saxutils import escape

import shapefile  # pyshp

# ---------------------------------------------------------------------------
# Map design
# ---------------------------------------------------------------------------

# Geographic extent (degrees). Doha (51.5E 25.3N), Kabul (69.2E 34.5N) and
# Islamabad (73.1E 33.7N) all sit well inside.
LON_MIN, LON_MAX = 44.0, 80.0
LAT_MIN, LAT_MAX = 22.0, 42.0
LAT_MID = (LAT_MIN + LAT_MAX) / 2.0
COS_MID = math.cos(math.radians(LAT_MID))

MAP_WIDTH = 900.0  # px, width of the map frame
MARGIN = 10.0  # px, white space around the frame
SCALE = MAP_WIDTH / ((LON_MAX - LON_MIN) * COS_MID)  # px per degree of latitude
MAP_HEIGHT = (LAT_MAX - LAT_MIN) * SCALE
SVG_WIDTH = MAP_WIDTH + 2 * MARGIN
SVG_HEIGHT = MAP_HEIGHT + 2 * MARGIN

# Mean Earth radius (km); one degree of latitude = 2*pi*R/360 km.
EARTH_RADIUS_KM = 6371.0088
KM_PER_DEG = 2 * math.pi * EARTH_RADIUS_KM / 360.0

# Noto Sans first: the PDF engine sets the labels in the pack's own embedded heading font
FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"

FOCUS = "Afghanistan"
NEIGHBOURS = (
    "Pakistan",
    "Iran",
    "Turkmenistan",
    "Uzbekistan",
    "Tajikistan",
    "China",
    "India",
    "Qatar",  # not a neighbour, but host of the Doha talks: tinted with them
)

COLOURS = {
    "sea": "#e3f0f9",
    "focus": "#e08a3c",
    "neighbour": "#f8e2c6",
    "other": "#e6e6e6",
    "border": "#8a8a8a",
    "frame": "#555555",
    "text": "#333333",
    "city": "#111111",
    "water_text": "#5b86a8",
}

# Country labels: name -> (lon, lat, font size, extra attributes).
# Positions chosen by hand so they sit inside each country and clear of the
# city labels. Qatar is too small for an inside label: it goes over the Gulf, just north.
COUNTRY_LABELS = (
    ("Afghanistan", 65.6, 33.0, 17, ' font-weight="bold" fill="#5a2e0a"'),
    ("Pakistan", 69.3, 28.6, 15, ""),
    ("Iran", 55.2, 32.6, 17, ""),
    ("Turkmenistan", 59.0, 39.2, 13, ""),
    ("Uzbekistan", 63.2, 41.1, 12, ""),
    ("Tajikistan", 71.0, 39.0, 12, ""),
    ("China", 77.6, 39.0, 15, ""),
    ("India", 76.4, 24.6, 15, ""),
    ("Qatar", 51.2, 26.45, 12, ""),
)

# Water labels (italic, muted blue): (text, lon, lat, size).
WATER_LABELS = (
    ("The Gulf", 50.1, 28.1, 11),
    ("Gulf of Oman", 58.6, 24.25, 10),
    ("Arabian Sea", 64.2, 22.9, 12),
    ("Caspian", 51.0, 40.4, 11),
    ("Sea", 51.0, 39.9, 11),
)

# Cities to mark: name -> label placement relative to the dot
# (dx, dy in px, text-anchor). Coordinates come from the data file.
CITIES = (
    ("Kabul", -9, -7, "end"),
    ("Islamabad", 9, -7, "start"),
    ("Doha", 9, 5, "start"),
)
# Well-known coordinates, used only if a city is missing from the data file.
CITY_FALLBACK = {
    "Kabul": (69.1833, 34.5167),
    "Islamabad": (73.0479, 33.6844),
    "Doha": (51.5310, 25.2854),
}

TITLE = "Afghanistan and its neighbours, with Kabul, Islamabad and Doha"
DESC = (
    "Locator map. Made with Natural Earth: free vector and raster map data "
    "@ naturalearthdata.com (1:110m Admin 0 countries and populated places, "
    f"public domain). Equirectangular projection scaled by cos({LAT_MID:g}\u00b0). "
    "Boundaries are shown as in Natural Earth and may not reflect every claim."
)

# ---------------------------------------------------------------------------
# Data loading
# ---------------------------------------------------------------------------


# The .dbf files in geopandas 0.14.4 are Latin-1 (their .cpg says ISO-8859-1).
DEFAULT_DBF_ENCODING = "ISO-8859-1"


def _find_dir(root: str) -> str:
    """Return the folder that holds naturalearth_lowres/ and naturalearth_cities/."""
    for cand in (root, os.path.join(root, "datasets"), os.path.join(root, "geopandas", "datasets")):
        if os.path.isdir(os.path.join(cand, "naturalearth_lowres")):
            return cand
    sys.exit(f"error: no naturalearth_lowres/ folder found under {root!r}")


def open_layer(data: str, layer: str) -> shapefile.Reader:
    """Open layer ('naturalearth_lowres' or 'naturalearth_cities') from a wheel or folder."""
    if os.path.isfile(data) and zipfile.is_zipfile(data):
        base = f"geopandas/datasets/{layer}/{layer}"
        with zipfile.ZipFile(data) as zf:
            parts = {}
            for ext in ("shp", "shx", "dbf"):
                try:
                    parts[ext] = io.BytesIO(zf.read(f"{base}.{ext}"))
                except KeyError:
                    sys.exit(f"error: {base}.{ext} not in {data!r}")
            try:
                enc = zf.read(f"{base}.cpg").decode("ascii").strip() or DEFAULT_DBF_ENCODING
            except KeyError:
                enc = DEFAULT_DBF_ENCODING
        return shapefile.Reader(shp=parts["shp"], shx=parts["shx"], dbf=parts["dbf"], encoding=enc)
    if os.path.isdir(data):
        base = os.path.join(_find_dir(data), layer, layer)
        enc = DEFAULT_DBF_ENCODING
        if os.path.isfile(base + ".cpg"):
            with open(base + ".cpg", encoding="ascii") as fh:
                enc = fh.read().strip() or DEFAULT_DBF_ENCODING
        return shapefile.Reader(base, encoding=enc)
    sys.exit(f"error: {data!r} is neither a wheel/zip nor a folder")


def load_countries(data: str):
    """Yield (name, list of rings in lon/lat) for every country."""
    with open_layer(data, "naturalearth_lowres") as r:
        names = [f[0] for f in r.fields[1:]]
        i_name = names.index("name")
        for sr in r.iterShapeRecords():
            pts = sr.shape.points
            bounds = list(sr.shape.parts) + [len(pts)]
            rings = [pts[a:b] for a, b in zip(bounds[:-1], bounds[1:])]
            yield sr.record[i_name], rings


def load_cities(data: str) -> dict:
    with open_layer(data, "naturalearth_cities") as r:
        names = [f[0] for f in r.fields[1:]]
        i_name = names.index("name")
        out = {}
        for sr in r.iterShapeRecords():
            if sr.shape.points:
                lon, lat = sr.shape.points[0][:2]
                out.setdefault(sr.record[i_name], (lon, lat))
        return out


# ---------------------------------------------------------------------------
# Geometry
# ---------------------------------------------------------------------------


def project(lon: float, lat: float) -> tuple[float, float]:
    """Equirectangular, x stretched by cos(mid-latitude); SVG pixel coordinates."""
    x = MARGIN + (lon - LON_MIN) * COS_MID * SCALE
    y = MARGIN + (LAT_MAX - lat) * SCALE
    return x, y


def clip_ring(ring, xmin, ymin, xmax, ymax):
    """Sutherland-Hodgman clip of a closed ring (list of (x, y)) to a rectangle."""

    def clip(pts, inside, intersect):
        out = []
        if not pts:
            return out
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(intersect(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(intersect(prev, cur))
            prev = cur
        return out

    def at_x(x0):
        def f(p, q):
            t = (x0 - p[0]) / (q[0] - p[0])
            return (x0, p[1] + t * (q[1] - p[1]))
        return f

    def at_y(y0):
        def f(p, q):
            t = (y0 - p[1]) / (q[1] - p[1])
            return (p[0] + t * (q[0] - p[0]), y0)
        return f

    pts = list(ring)
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts = pts[:-1]
    pts = clip(pts, lambda p: p[0] >= xmin, at_x(xmin))
    pts = clip(pts, lambda p: p[0] <= xmax, at_x(xmax))
    pts = clip(pts, lambda p: p[1] >= ymin, at_y(ymin))
    pts = clip(pts, lambda p: p[1] <= ymax, at_y(ymax))
    return pts


def fmt(v: float) -> str:
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    if s == "-0":
        s = "0"
    return s


def ring_path(pts) -> str:
    """Absolute first point, then relative moves on a 0.1 px grid; duplicates dropped."""
    q = [(round(x * 10), round(y * 10)) for x, y in pts]
    dedup = []
    for p in q:
        if not dedup or p != dedup[-1]:
            dedup.append(p)
    while len(dedup) > 1 and dedup[0] == dedup[-1]:
        dedup.pop()
    if len(dedup) < 3:
        return ""
    out = [f"M{fmt(dedup[0][0] / 10)} {fmt(dedup[0][1] / 10)}l"]
    coords = []
    for (x0, y0), (x1, y1) in zip(dedup[:-1], dedup[1:]):
        coords.append(f"{fmt((x1 - x0) / 10)} {fmt((y1 - y0) / 10)}")
    out.append(" ".join(coords))
    out.append("z")
    return "".join(out)


def country_path(rings) -> str:
    x0, y0 = MARGIN, MARGIN
    x1, y1 = MARGIN + MAP_WIDTH, MARGIN + MAP_HEIGHT
    parts = []
    for ring in rings:
        proj = [project(lon, lat) for lon, lat in ring]
        clipped = clip_ring(proj, x0, y0, x1, y1)
        if len(clipped) >= 3:
            d = ring_path(clipped)
            if d:
                parts.append(d)
    return "".join(parts)


# ---------------------------------------------------------------------------
# SVG building
# ---------------------------------------------------------------------------


def text(x, y, s, size, anchor="middle", extra="", halo=True):
    """A label; its white halo is a copy drawn underneath, not paint-order, which the PDF
    engine (WeasyPrint) ignores, drawing the stroke over the letters."""
    label = f'<text x="{fmt(x)}" y="{fmt(y)}" font-size="{size}" text-anchor="{anchor}"'
    if not halo:
        return f"{label}{extra}>{escape(s)}</text>"
    under_extra = re.sub(r'\s(fill|fill-opacity|opacity)="[^"]*"', "", extra)
    under = ' stroke="#fff" stroke-width="3" stroke-linejoin="round" fill="#fff"'
    return f"{label}{under}{under_extra}>{escape(s)}</text>{label}{extra}>{escape(s)}</text>"


def scale_bar(km: int = 500) -> list[str]:
    """Scale bar, true along the standard parallel (LAT_MID) and along meridians."""
    length = km / KM_PER_DEG * SCALE  # px
    x = MARGIN + 18
    y = MARGIN + MAP_HEIGHT - 22
    half = length / 2
    return [
        '<g id="scale-bar">',
        f'<rect x="{fmt(x - 6)}" y="{fmt(y - 20)}" width="{fmt(length + 12)}" height="32" fill="#fff" fill-opacity="0.8"/>',
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(half)}" height="5" fill="#333"/>',
        f'<rect x="{fmt(x + half)}" y="{fmt(y)}" width="{fmt(half)}" height="5" fill="#fff" stroke="#333" stroke-width="0.8"/>',
        f'<rect x="{fmt(x)}" y="{fmt(y)}" width="{fmt(length)}" height="5" fill="none" stroke="#333" stroke-width="0.8"/>',
        text(x, y - 4, "0", 10, extra=f' fill="{COLOURS["text"]}"', halo=False),
        text(x + half, y - 4, str(km // 2), 10, extra=f' fill="{COLOURS["text"]}"', halo=False),
        text(x + length, y - 4, f"{km} km", 10, extra=f' fill="{COLOURS["text"]}"', halo=False),
        "</g>",
    ]


def north_arrow() -> list[str]:
    cx = MARGIN + MAP_WIDTH - 26
    top = MARGIN + 16
    return [
        '<g id="north-arrow">',
        f'<path d="M{fmt(cx)} {fmt(top + 8)}l-8 24l8-6l8 6z" fill="#333"/>',
        text(cx, top + 6, "N", 13, extra=f' font-weight="bold" fill="{COLOURS["text"]}"'),
        "</g>",
    ]


def build_svg(data: str) -> tuple[str, dict]:
    countries = sorted(load_countries(data), key=lambda c: c[0])
    found = load_cities(data)

    cities = []
    used = {}
    for name, dx, dy, anchor in CITIES:
        if name in found:
            lon, lat = found[name]
            src = "data"
        else:
            lon, lat = CITY_FALLBACK[name]
            src = "fallback"
            print(f"warning: {name} not in data; using well-known coordinates", file=sys.stderr)
        used[name] = (lon, lat, src)
        cities.append((name, lon, lat, dx, dy, anchor))

    W, H = fmt(SVG_WIDTH), fmt(SVG_HEIGHT)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" '
        f'viewBox="0 0 {W} {H}" font-family="{FONT}" role="img" aria-labelledby="title desc">',
        f'<title id="title">{escape(TITLE)}</title>',
        f'<desc id="desc">{escape(DESC)}</desc>',
        f'<rect width="{W}" height="{H}" fill="#fff"/>',
        f'<rect x="{fmt(MARGIN)}" y="{fmt(MARGIN)}" width="{fmt(MAP_WIDTH)}" '
        f'height="{fmt(MAP_HEIGHT)}" fill="{COLOURS["sea"]}"/>',
    ]

    # Countries: others, then neighbours, then Afghanistan on top.
    groups = {"other": [], "neighbour": [], "focus": []}
    for name, rings in countries:
        d = country_path(rings)
        if not d:
            continue
        kind = "focus" if name == FOCUS else "neighbour" if name in NEIGHBOURS else "other"
        groups[kind].append((name, d))
    for kind in ("other", "neighbour", "focus"):
        if kind == "focus":
            stroke = 'stroke="#5a2e0a" stroke-width="1"'
        else:
            stroke = f'stroke="{COLOURS["border"]}" stroke-width="0.6"'
        out.append(
            f'<g id="countries-{kind}" fill="{COLOURS[kind]}" {stroke} stroke-linejoin="round" fill-rule="evenodd">'
        )
        for name, d in groups[kind]:
            ident = "c-" + "".join(ch.lower() if ch.isalnum() else "-" for ch in name)
            out.append(f'<path id="{ident}" d="{d}"><title>{escape(name)}</title></path>')
        out.append("</g>")

    # Frame
    out.append(
        f'<rect x="{fmt(MARGIN)}" y="{fmt(MARGIN)}" width="{fmt(MAP_WIDTH)}" '
        f'height="{fmt(MAP_HEIGHT)}" fill="none" stroke="{COLOURS["frame"]}" stroke-width="1"/>'
    )

    # Water labels
    out.append(f'<g id="water-labels" fill="{COLOURS["water_text"]}" font-style="italic">')
    for s, lon, lat, size in WATER_LABELS:
        x, y = project(lon, lat)
        out.append(text(x, y, s, size, halo=False))
    out.append("</g>")

    # Country labels
    out.append(f'<g id="country-labels" fill="{COLOURS["text"]}">')
    for s, lon, lat, size, extra in COUNTRY_LABELS:
        x, y = project(lon, lat)
        out.append(text(x, y, s, size, extra=extra))
    out.append("</g>")

    # Cities
    out.append('<g id="cities">')
    for name, lon, lat, dx, dy, anchor in cities:
        x, y = project(lon, lat)
        out.append(f'<circle cx="{fmt(x)}" cy="{fmt(y)}" r="4.5" fill="{COLOURS["city"]}" stroke="#fff" stroke-width="1.5"/>')
        out.append(text(x + dx, y + dy, name, 14, anchor=anchor, extra=f' font-weight="bold" fill="{COLOURS["city"]}"'))
    out.append("</g>")

    out.extend(scale_bar())
    out.extend(north_arrow())

    # Credit line
    out.append(
        text(
            MARGIN + MAP_WIDTH - 6,
            MARGIN + MAP_HEIGHT - 7,
            "Data: Natural Earth (public domain)",
            9,
            anchor="end",
            extra=f' fill="{COLOURS["text"]}"',
        )
    )
    out.append("</svg>")
    return "\n".join(out) + "\n", used


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("data", help="geopandas-0.14.4 wheel, or an extracted geopandas/datasets folder")
    ap.add_argument(
        "-o",
        "--out",
        default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "content", "figures", "afghanistan-region.svg"),
        help="output SVG path (default: content/figures/afghanistan-region.svg)",
    )
    args = ap.parse_args(argv)
    svg, used = build_svg(args.data)
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out) or ".", exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(svg)
    for name, (lon, lat, src) in used.items():
        print(f"{name}: {lon:.4f}E {lat:.4f}N ({src})")
    print(f"wrote {out} ({len(svg.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
