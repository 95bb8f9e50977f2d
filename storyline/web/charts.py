"""Chart specifications (Vega-Lite, and Vega for the network) built from page data.

The specs are plain dicts: a page carries them in a ``data-spec`` attribute and
``static/charts.js`` draws them with the vendored vega-embed, offline. Dates become
``[start, end)`` intervals at the precision the text gives: a month stays a month.
"""
from __future__ import annotations

import calendar
import math
import datetime as dt
import re

VEGA_LITE = "https://vega.github.io/schema/vega-lite/v5.json"  # a schema id, never fetched
VEGA = "https://vega.github.io/schema/vega/v5.json"
WIDTH = "container"
# The map shows at least this many degrees around the events, plus a margin, so a single
# event is seen in its region rather than filling the frame.
MAP_MIN_SPAN, MAP_PAD = 30, 5
MAP_TOOLTIP_EVENTS = 4  # events named in a place's tooltip; the table below lists them all
NETWORK_WIDTH = 1000
NETWORK_MAX_HEIGHT = 560
# Force layout: node repulsion, and the pull towards the centre that keeps groups in view.
NETWORK_REPULSION, NETWORK_PULL = -160, 0.05  # the page's content width: Vega (unlike Vega-Lite) needs a number
# Labels on the timeline's y axis are cut to this many characters; the full text is in the list.
TIMELINE_LABEL_CHARS = 70
# Drag to pan and scroll to zoom the time axis (Vega-Lite's interval selection bound to scales).
ZOOM_X = {"name": "zoom", "select": {"type": "interval", "encodings": ["x"]}, "bind": "scales"}
COOPERATION_COLOR, CONFLICT_COLOR, NEUTRAL_COLOR = "#2b8a3e", "#c92a2a", "#868e96"


def date_interval(value) -> tuple[str, str] | None:
    """TIMEX3 date value -> (first day, day after the last) as ISO dates, or None."""
    if not isinstance(value, str):
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        try:
            day = dt.date(*map(int, m.groups()))
        except ValueError:
            return None
        return day.isoformat(), (day + dt.timedelta(days=1)).isoformat()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        year, month = map(int, m.groups())
        if not 1 <= month <= 12:
            return None
        last = calendar.monthrange(year, month)[1]
        return dt.date(year, month, 1).isoformat(), (dt.date(year, month, last) + dt.timedelta(days=1)).isoformat()
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        try:
            monday = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return monday.isoformat(), (monday + dt.timedelta(days=7)).isoformat()
    if m := re.fullmatch(r"(\d{4})", value):
        return f"{m[1]}-01-01", f"{int(m[1]) + 1}-01-01"
    return None


def timeline_spec(items: list[dict]) -> dict | None:
    """Each dated timeline line as a bar over its interval (a dot for a single day)."""
    rows = []
    for n, item in enumerate(items):
        span = date_interval(item.get("when"))
        if span:
            label = f"{n + 1}. {str(item.get('text') or '')[:TIMELINE_LABEL_CHARS]}"
            rows.append({"start": span[0], "end": span[1], "label": label, "when": item.get("when"),
                         "sources": len(item.get("sources") or []), "text": item.get("text")})
    if not rows:
        return None
    y = {"field": "label", "type": "nominal", "sort": None, "title": None,
         "axis": {"labelLimit": 420, "labelFontSize": 11}}
    tooltip = [{"field": "when", "title": "when"}, {"field": "text", "title": "what"},
               {"field": "sources", "title": "sources"}]
    return {
        "$schema": VEGA_LITE, "width": WIDTH, "height": {"step": 22},
        "data": {"values": rows},
        "layer": [
            {"params": [ZOOM_X],
             "mark": {"type": "bar", "color": "#4c6ef5", "opacity": 0.35, "cornerRadius": 2},
             "encoding": {"x": {"field": "start", "type": "temporal", "title": None,
                                "axis": {"labelOverlap": True, "labelFlush": True}}, "x2": {"field": "end"},
                          "y": y, "tooltip": tooltip}},
            {"mark": {"type": "point", "filled": True, "color": "#364fc7"},
             "encoding": {"x": {"field": "start", "type": "temporal"}, "y": y,
                          "size": {"field": "sources", "type": "quantitative", "title": "sources",
                                   "scale": {"range": [40, 220]}, "legend": None},
                          "tooltip": tooltip}},
        ],
    }


def map_spec(points: list[dict]) -> dict | None:
    """Events as dots on a world outline (the outline is filled in by charts.js, offline)."""
    rows = _places(points)
    if not rows:
        return None
    return {
        "$schema": VEGA_LITE, "width": WIDTH, "height": 340,
        "projection": {"type": "equalEarth", "fit": _map_frame(rows)},
        "layer": [
            {"data": {"name": "world"}, "mark": {"type": "geoshape", "fill": "#e9ecef", "stroke": "#adb5bd",
                                                 "strokeWidth": 0.5, "clip": True}},
            {"data": {"values": rows},
             "mark": {"type": "circle", "opacity": 0.8, "stroke": "white", "strokeWidth": 0.8},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"},
                          "size": {"field": "events", "type": "quantitative", "scale": {"range": [80, 500]},
                                   "legend": None},
                          "color": _score_color("mean score"),
                          "tooltip": [{"field": "where"}, {"field": "events"}, {"field": "what"},
                                      {"field": "score", "title": "mean score"}]}},
            {"data": {"values": rows}, "mark": {"type": "text", "dy": -12, "fontSize": 11, "color": "#343a40"},
             "encoding": {"longitude": {"field": "lon", "type": "quantitative"},
                          "latitude": {"field": "lat", "type": "quantitative"},
                          "text": {"field": "where", "type": "nominal"}}},
        ],
    }


def _places(points: list[dict]) -> list[dict]:
    """One dot per place: events at the same coordinates (a country and its capital are often
    geocoded alike) are merged, with their names, count, mean score and what happened."""
    places: dict = {}
    for p in points:
        lat, lon = p.get("lat"), p.get("lon")
        if not isinstance(lat, (int, float)) or not isinstance(lon, (int, float)):
            continue
        place = places.setdefault((round(lat, 2), round(lon, 2)),
                                  {"lat": lat, "lon": lon, "names": [], "scores": [], "what": []})
        if p.get("where") and p["where"] not in place["names"]:
            place["names"].append(p["where"])
        place["scores"].append(p.get("score") or 0)
        place["what"].append(f"{p.get('code')}: {p.get('action')}")
    return [{"lat": v["lat"], "lon": v["lon"], "where": " / ".join(v["names"][:3]), "events": len(v["scores"]),
             "score": round(sum(v["scores"]) / len(v["scores"]), 1), "what": "; ".join(v["what"][:MAP_TOOLTIP_EVENTS])}
            for v in places.values()]


def _map_frame(rows: list[dict]) -> dict:
    """The region the map shows: the events' extent, widened to at least MAP_MIN_SPAN degrees
    so one event still shows its surroundings (a MultiPoint: no polygon winding to get wrong)."""
    lats, lons = [r["lat"] for r in rows], [r["lon"] for r in rows]
    frame = []
    for values, limit in ((lons, 180), (lats, 85)):
        low, high = min(values), max(values)
        pad = max(MAP_MIN_SPAN - (high - low), 0) / 2 + MAP_PAD
        frame.append((max(low - pad, -limit), min(high + pad, limit)))
    (west, east), (south, north) = frame
    return {"type": "MultiPoint", "coordinates": [[west, south], [east, north], [west, north], [east, south]]}


def network_spec(nodes: list[dict], edges: list[dict]) -> dict | None:
    """Actors as nodes and their events as links, laid out by Vega's force simulation.

    Weak repulsion plus a pull towards the centre keeps unconnected groups in view."""
    if not nodes or not edges:
        return None
    width, height = NETWORK_WIDTH, min(NETWORK_MAX_HEIGHT, 200 + 24 * len(nodes))
    index = {n["id"]: i for i, n in enumerate(nodes)}
    links = [{"source": index[e["source"]], "target": index[e["target"]], "count": e["count"],
              "score": e["score"]} for e in edges if e["source"] in index and e["target"] in index]
    values = [dict(n, index=i, cx=width / 2, cy=height / 2) for i, n in enumerate(nodes)]
    return {
        "$schema": VEGA, "width": width, "height": height, "autosize": "none", "padding": 10,
        "data": [{"name": "node-data", "values": values}, {"name": "link-data", "values": links}],
        "scales": [{"name": "size", "type": "sqrt", "domain": {"data": "node-data", "field": "count"},
                    "range": [60, 600]},
                   {"name": "edgecolor", "type": "threshold", "domain": [-0.01, 0.01],
                    "range": [CONFLICT_COLOR, NEUTRAL_COLOR, COOPERATION_COLOR]}],
        "marks": [
            {"name": "nodes", "type": "symbol", "zindex": 1, "from": {"data": "node-data"},
             "encode": {"enter": {"fill": {"value": "#4c6ef5"}, "stroke": {"value": "white"},
                                  "size": {"scale": "size", "field": "count"},
                                  "tooltip": {"signal": "datum.label + ' (' + datum.count + ' events)'"}}},
             "transform": [{"type": "force", "iterations": 300, "static": True, "signal": "force",
                            "forces": [{"force": "collide", "radius": 30},
                                       {"force": "nbody", "strength": NETWORK_REPULSION},
                                       {"force": "link", "links": "link-data", "distance": 150},
                                       {"force": "x", "x": "datum.cx", "strength": NETWORK_PULL},
                                       {"force": "y", "y": "datum.cy", "strength": NETWORK_PULL * 2}]}]},
            {"type": "text", "from": {"data": "nodes"}, "zindex": 2, "interactive": False,
             "encode": {"update": {"x": {"field": "x"}, "y": {"field": "y", "offset": -13},
                                   "text": {"field": "datum.label"}, "align": {"value": "center"},
                                   "fontSize": {"value": 11}, "fill": {"value": "#212529"}}}},
            {"type": "path", "from": {"data": "link-data"}, "interactive": False,
             "encode": {"update": {"stroke": {"scale": "edgecolor", "field": "score"},
                                   "strokeWidth": {"signal": "1 + sqrt(datum.count) * 1.5"},
                                   "strokeOpacity": {"value": 0.7}}},
             "transform": [{"type": "linkpath", "require": {"signal": "force"}, "shape": "line",
                            "sourceX": "datum.source.x", "sourceY": "datum.source.y",
                            "targetX": "datum.target.x", "targetY": "datum.target.y"}]},
        ],
    }


def relations_spec(series: list[dict]) -> dict | None:
    """Monthly cooperation (up) and conflict (down) event counts, with the net score line.

    Both y scales are symmetric around zero, so the bars' and the line's zero coincide."""
    rows = []
    for point in series:
        span = date_interval(point.get("month"))
        if not span:
            continue
        rows.append({"month": span[0], "label": point["month"], "kind": "cooperation",
                     "count": point.get("cooperation", 0), "score": point.get("score", 0)})
        rows.append({"month": span[0], "label": point["month"], "kind": "conflict",
                     "count": -abs(point.get("conflict", 0)), "score": point.get("score", 0)})
    if not rows:
        return None
    top_count = max(abs(r["count"]) for r in rows) or 1
    top_score = max(abs(r["score"]) for r in rows) or 1
    x = {"field": "month", "type": "temporal", "timeUnit": "yearmonth", "title": None,
         "axis": {"format": "%b %Y", "labelOverlap": True}}
    tooltip = [{"field": "label", "title": "month"}, {"field": "kind"}, {"field": "count", "title": "events"},
               {"field": "score", "title": "net score"}]
    return {
        "$schema": VEGA_LITE, "width": WIDTH, "height": 260, "data": {"values": rows},
        "layer": [
            {"mark": {"type": "bar", "cursor": "pointer", "width": {"band": 0.7}},
             "encoding": {"x": x,
                          "y": {"field": "count", "type": "quantitative", "title": "events (conflict below 0)",
                                "scale": {"domain": [-top_count, top_count]},
                                "axis": {"values": _integer_ticks(top_count), "format": "d"}},
                          "color": {"field": "kind", "type": "nominal", "title": None,
                                    "scale": {"domain": ["cooperation", "conflict"],
                                              "range": [COOPERATION_COLOR, CONFLICT_COLOR]},
                                    "legend": {"orient": "top"}},
                          "tooltip": tooltip}},
            {"mark": {"type": "line", "point": {"filled": True, "size": 50, "cursor": "pointer"}, "color": "#495057"},
             "transform": [{"filter": "datum.kind == 'cooperation'"}],
             "encoding": {"x": dict(x, bandPosition=0.5),
                          "y": {"field": "score", "type": "quantitative", "title": "net score (Goldstein)",
                                "scale": {"domain": [-top_score, top_score]}},
                          "tooltip": tooltip[:1] + tooltip[3:]}},
        ],
        "resolve": {"scale": {"y": "independent"}},
    }


def _integer_ticks(top: float) -> list[int]:
    """About nine whole-number ticks from -top to top (event counts are whole)."""
    top = int(math.ceil(top))
    step = max(1, math.ceil(top / 4))
    return list(range(-(top // step) * step, top + 1, step))


def voices_spec(rows: list[dict]) -> dict | None:
    """Who is quoted by which outlet, as a heat map of quote counts."""
    if not rows:
        return None
    return {
        "$schema": VEGA_LITE, "width": WIDTH, "height": {"step": 22},
        "data": {"values": rows},
        "mark": {"type": "rect", "tooltip": True},
        "encoding": {"x": {"field": "outlet", "type": "nominal", "title": None, "axis": {"labelAngle": -30}},
                     "y": {"field": "speaker", "type": "nominal", "title": None},
                     "color": {"field": "quotes", "type": "quantitative", "scale": {"scheme": "blues"}}},
    }


def _score_color(title: str = "score") -> dict:
    return {"field": "score", "type": "quantitative", "title": title,
            "scale": {"domain": [-10, 0, 10], "range": [CONFLICT_COLOR, NEUTRAL_COLOR, COOPERATION_COLOR]}}
