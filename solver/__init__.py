"""The solver: a validated event in, a CP-SAT model, a schedule with its score by rule out.

Public entry: ``solve(problem, options, reference, freeze_before) -> Schedule``
and ``SolveOptions``; ``solve_in_child`` is the same solve in a fresh child process
(for long-lived callers such as the browser app); ``BOUND_SECONDS`` is the least time limit at
which a solve proves the parts' lower bound where counting bounds nothing (any solve shows the
counted one); ``LNS_SECONDS`` the least at which the solver's own neighbourhood search
(``solver.lns``, narrowed to the weekdays a course uses) follows its first search;
``MODEL_VERSION`` names the model a bound was proven by (``SolveOptions.floor`` takes only a
bound proven under the same version). CP-SAT types never leave this package. Raises
``InfeasibleProblem`` with sentences naming people, rooms and dates when no schedule keeps every
hard rule.
"""

from solver.bound import MIN_LIMIT as BOUND_SECONDS
from solver.bound import MODEL_VERSION
from solver.lns import MIN_LIMIT as LNS_SECONDS
from solver.options import SolveOptions
from solver.process import solve_in_child
from solver.run import solve

__all__ = ["BOUND_SECONDS", "LNS_SECONDS", "MODEL_VERSION", "SolveOptions", "solve", "solve_in_child"]
