"""Define the one error tree every qa failure belongs to.

    QAError                  base of everything qa raises on purpose
    ├── DataError            the data folder is missing or broken; carries every Problem
    ├── QuestionError        a question qa refuses to read (too long, empty)
    └── CaseError            a Q&A regression file is malformed

"I don't know" is never an error: it is an Answer with answered=False.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with a data file, located to a line (0 when it is the whole file)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


class QAError(Exception):
    """Base class of every error qa raises on purpose."""


class DataError(QAError):
    """The data folder cannot be used; `problems` lists every located fault."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        first = str(problems[0]) if problems else "data folder is broken"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


class QuestionError(QAError):
    """The question cannot be read as given (too long, empty)."""


class CaseError(QAError):
    """A Q&A regression file does not follow the case format."""
