"""Benchmarks and load generation: tooling, not the product (bench/README.md)."""
