"""Problems found in content: values collected and reported together, never raised one by one."""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == WARNING else ""
        return f"{self.path}:{self.line}: {prefix}{self.message}"


class Problems:
    """A collector handed through loading and assembling; read once at the end."""

    def __init__(self) -> None:
        self._items: list[Problem] = []

    def error(self, path: str, line: int, message: str) -> None:
        self._items.append(Problem(path, line or 1, message, ERROR))

    def warning(self, path: str, line: int, message: str) -> None:
        self._items.append(Problem(path, line or 1, message, WARNING))

    def extend(self, problems: Iterable[Problem]) -> None:
        self._items.extend(problems)

    @property
    def all(self) -> tuple[Problem, ...]:
        return tuple(self._items)

    @property
    def errors(self) -> list[Problem]:
        return sorted(p for p in self._items if p.severity == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return sorted(p for p in self._items if p.severity == WARNING)

    def __bool__(self) -> bool:
        return bool(self.errors)


def did_you_mean(value: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for a near miss, else ''."""
    close = difflib.get_close_matches(str(value), sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
