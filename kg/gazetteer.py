"""Moved to kg.loaders.gazetteer (the NLP stage owns its look-ups); this name stays until
kg/resolve.py imports it from there."""
from kg.loaders.gazetteer import *  # noqa: F401,F403
from kg.loaders.gazetteer import demonym, country, country_name, city, region  # noqa: F401
