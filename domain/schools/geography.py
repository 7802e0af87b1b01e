"""Distances on the British National Grid, the coordinates GIAS gives each establishment.

Easting and Northing are metres on a flat projection of Great Britain, so the straight-line
distance between two schools is `hypot(dE, dN)`: within 0.1% of the geodesic distance in England
(shared/data/README.md; notes/stack-facts.md measured London to Manchester at 262.93 km against
263.01 km). No projection library is needed."""

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class GridPoint:
    easting: int
    northing: int


@dataclass(frozen=True)
class BoundingBox:
    min_easting: float
    max_easting: float
    min_northing: float
    max_northing: float

    def contains(self, point: GridPoint) -> bool:
        return (
            self.min_easting <= point.easting <= self.max_easting
            and self.min_northing <= point.northing <= self.max_northing
        )


def grid_point(easting, northing) -> GridPoint | None:
    """The point, or None when either coordinate is missing (GIAS leaves some blank)."""
    if easting is None or northing is None:
        return None
    return GridPoint(int(easting), int(northing))


def distance_metres(a: GridPoint, b: GridPoint) -> float:
    """Straight-line distance between two grid points, in metres."""
    return math.hypot(a.easting - b.easting, a.northing - b.northing)


def bounding_box(centre: GridPoint, half_width_metres: float) -> BoundingBox:
    """The square centred on `centre` whose sides are 2 x half_width: it holds every point
    within `half_width_metres` of the centre (and some corners farther away)."""
    if half_width_metres < 0:
        raise ValueError("half_width_metres must not be negative")
    return BoundingBox(
        centre.easting - half_width_metres,
        centre.easting + half_width_metres,
        centre.northing - half_width_metres,
        centre.northing + half_width_metres,
    )


def widening_half_widths(start_metres: float, cap_metres: float, factor: float = 2.0):
    """Half-widths for a widening search: start, start x factor, ... up to and including the cap."""
    if start_metres <= 0 or cap_metres <= 0 or factor <= 1:
        raise ValueError("start and cap must be positive and factor above 1")
    width = min(start_metres, cap_metres)
    while width < cap_metres:
        yield width
        width *= factor
    yield cap_metres
