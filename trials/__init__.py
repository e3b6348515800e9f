"""Reliability and security trials: kill, fuzz, tamper, leak and hostile-file figures.

``make trials`` (``python -m trials``) runs every trial at full size and prints one
table: trial | cases | failures | goal | result. ``tests/trials`` runs the same
trials, seeded and small, in the normal test suite.

Each trial module exposes ``run(size: int, seed: int, workdir: Path) -> list[Figure]``.
"""
