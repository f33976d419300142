"""Tests of the curated knowledge."""
