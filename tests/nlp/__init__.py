"""Tests for frontlines.nlp."""
