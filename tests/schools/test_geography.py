"""Distances on the British National Grid (pure functions, no database)."""

import math

import pytest

from domain.schools import geography
from domain.schools.geography import GridPoint


def test_distance_is_the_straight_line_on_the_grid():
    # A 3-4-5 triangle: 3 km east and 4 km north is 5 km away.
    assert geography.distance_metres(GridPoint(400000, 300000), GridPoint(403000, 304000)) == 5000


def test_distance_is_symmetric_and_zero_to_itself():
    a, b = GridPoint(530034, 180381), GridPoint(383858, 398298)
    assert geography.distance_metres(a, b) == geography.distance_metres(b, a)
    assert geography.distance_metres(a, a) == 0


def test_london_to_manchester_is_about_263_km():
    # Charing Cross (530034, 180381) and Manchester Town Hall (383858, 398298) on the grid:
    # hypot(146176, 217917) = 262,403 m, which the grid gives within 0.1% of the geodesic distance.
    metres = geography.distance_metres(GridPoint(530034, 180381), GridPoint(383858, 398298))
    assert metres == pytest.approx(math.hypot(146176, 217917))
    assert 262_000 < metres < 263_000


def test_grid_point_needs_both_coordinates():
    assert geography.grid_point(None, 433000) is None
    assert geography.grid_point(430000, None) is None
    assert geography.grid_point(430000, 433000) == GridPoint(430000, 433000)


def test_bounding_box_holds_the_circle_of_its_half_width():
    centre = GridPoint(430000, 433000)
    box = geography.bounding_box(centre, 1000)
    assert (box.min_easting, box.max_easting, box.min_northing, box.max_northing) == (429000, 431000, 432000, 434000)
    assert box.contains(GridPoint(431000, 433000))  # on the edge, 1 km east
    assert box.contains(GridPoint(430999, 433999))  # a corner: inside the box, 1.41 km away
    assert not box.contains(GridPoint(431001, 433000))


def test_bounding_box_rejects_a_negative_width():
    with pytest.raises(ValueError, match="half_width_metres must not be negative"):
        geography.bounding_box(GridPoint(0, 0), -1)


def test_widening_half_widths_double_up_to_the_cap():
    assert list(geography.widening_half_widths(2000, 50000)) == [2000, 4000, 8000, 16000, 32000, 50000]
    assert list(geography.widening_half_widths(2000, 2000)) == [2000]
    assert list(geography.widening_half_widths(5000, 1000)) == [1000]
