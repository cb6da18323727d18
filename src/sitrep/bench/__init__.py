"""Benchmark commands: ``python -m sitrep.bench.<name>``. Figures go to BENCHMARKS.md."""
