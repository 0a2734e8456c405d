"""Paths of the shipped test data, importable by test modules."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DATA = ROOT / "tests" / "data"
RELATED = DATA / "related"
SEED_ID = "000_11571fa2a61f8d64.txt"
