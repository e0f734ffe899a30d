"""Random valid events of any size (``huiwu generate``) and the load counts that make them feasible."""

from planner.generate.event import generate_problem
from planner.generate.load import load_warnings

__all__ = ["generate_problem", "load_warnings"]
