"""Benchmarks of unodc-kg and the synthetic corpus they run on (`python -m bench`, `python -m bench.synth`)."""
