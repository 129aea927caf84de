"""Tests of sourcetrace.cli."""
