"""Weights of the matching factors are configurable per region (issue: commissioning, "Weights
configurable per region"): settings.MATCHING_WEIGHTS by region code, else the engine's defaults."""

import pytest

from domain.commissioning.ranking import weights_for
from domain.matching.model import InstanceError, Weights
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_region_without_weights_takes_the_defaults():
    alliance = factories.OrganisationFactory(kind="tsa", region=factories.region())
    assert weights_for(alliance) == Weights()


def test_a_regions_weights_change_only_what_it_names(settings):
    region = factories.region()
    settings.MATCHING_WEIGHTS = {region.code: {"distance": 0.5, "distance_half_km": 10}}
    weights = weights_for(factories.OrganisationFactory(kind="tsa", region=region))
    assert (weights.distance, weights.distance_half_km) == (0.5, 10)
    assert weights.needs == Weights().needs
    other = factories.OrganisationFactory(kind="tsa", region=factories.region("London"))
    assert weights_for(other) == Weights()


def test_an_unknown_factor_is_refused_with_its_name(settings):
    region = factories.region()
    settings.MATCHING_WEIGHTS = {region.code: {"charm": 1}}
    with pytest.raises(InstanceError, match="unknown factor 'charm'"):
        weights_for(factories.OrganisationFactory(kind="tsa", region=region))
