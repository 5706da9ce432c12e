"""Narrative: the report's words and tables, built from an Evaluation."""
