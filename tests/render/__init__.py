"""Tests of sourcetrace.render."""
