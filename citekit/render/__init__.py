"""Rendering items as citations and bibliography entries through CSL styles."""
