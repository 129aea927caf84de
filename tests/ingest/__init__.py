"""Tests of sourcetrace.ingest."""
