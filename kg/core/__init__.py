"""kg's core: what every other part of kg builds on, and which imports nothing else of kg.

errors      the one-line errors (KgError and its kinds) and exit codes
model       Document, Extraction, Entity, Assertion ...: what flows between the stages
ontology    the classes, relations and their groups, read from ontology/*.ttl
gazetteer   countries, cities, regions and demonyms (from well-kept packages' data)
keys        normalised name keys, by which entities are found and joined
graph       the interface every graph store implements, its results and errors
datafiles   JSON data files (rules, lexicons, weights) checked against a schema at load
jsontext    JSON with a bounded nesting depth;  cypher  reading a statement's text
"""
