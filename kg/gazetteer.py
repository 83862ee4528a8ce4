"""Moved to kg.loaders.gazetteer (the NLP stage owns its look-ups); this name stays until
kg/resolve.py imports it from there."""
from kg.loaders.gazetteer import *  # noqa: F401,F403
from kg.loaders.gazetteer import city, country, country_name, demonym, region  # noqa: F401
