"""Set up the bot's logging so the token never reaches a log line, traceback included."""

from __future__ import annotations

import logging

import discord

MASK = "[token]"


class Redact(logging.Filter):
    """Replace the token wherever it would appear in a log record, tracebacks included."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the record's message and traceback now, with the token masked."""
        text = record.getMessage()
        extra = []
        if record.exc_info:
            # Formatters render exc_info themselves (discord.py's colour one ignores
            # exc_text), so fold the masked traceback into the message instead.
            extra.append(logging.Formatter().formatException(record.exc_info))
        elif record.exc_text:
            extra.append(record.exc_text)
        if record.stack_info:
            extra.append(record.stack_info)
        if extra or self.secret in text:
            record.msg = "\n".join([text, *extra]).replace(self.secret, MASK)
            record.args = None
            record.exc_info = record.exc_text = record.stack_info = None
        return True


def configure_logging(level: str, token: str, handler: logging.Handler | None = None) -> None:
    """Log at `level` through discord.py's handler (or `handler`), masking the token."""
    number = logging.getLevelNamesMapping()[level]
    if handler is None:
        discord.utils.setup_logging(level=number)
    else:
        discord.utils.setup_logging(handler=handler, level=number)
    for h in logging.getLogger().handlers:
        if not any(isinstance(f, Redact) for f in h.filters):
            h.addFilter(Redact(token))
