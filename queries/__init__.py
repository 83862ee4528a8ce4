"""Named Cypher queries, shipped as package data."""
