"""Benchmarks: scripts that start the real app and print their figures (see docs/benchmarks.md)."""
