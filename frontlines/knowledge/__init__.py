"""Curated knowledge: actor registry, gazetteer and taxonomy crosswalks."""
