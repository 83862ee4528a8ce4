"""Ontology files (Turtle): classes, relations and SHACL shapes, shipped as package data."""
