"""The benchmark scripts, imported by the tests that reuse their corpus writers."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent


@cache
def load_scale() -> ModuleType:
    """`benchmarks/scale.py`: template stories about invented events, never the seed."""
    spec = importlib.util.spec_from_file_location("scale_bench", ROOT / "benchmarks" / "scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scale_bench"] = module  # dataclasses in it need their module to be importable
    spec.loader.exec_module(module)
    return module
