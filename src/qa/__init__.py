"""Answer questions about news articles on diplomatic meetings, citing their paragraphs."""

from qa.answer.result import Answer, Source
from qa.engine import MAX_QUESTION_LENGTH, Context, Engine
from qa.errors import CaseError, DataError, Problem, QAError, QuestionError

__all__ = [
    "MAX_QUESTION_LENGTH",
    "Answer",
    "CaseError",
    "Context",
    "DataError",
    "Engine",
    "Problem",
    "QAError",
    "QuestionError",
    "Source",
]
