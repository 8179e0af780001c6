"""Log output: human-readable text (the default, left as uvicorn and Python set it up) or, with
``LAPOR_LOG_FORMAT=json``, one JSON object per line on stderr for a log shipper.

In JSON every line carries the ``request_id`` of the request or background round it was written in,
and uvicorn's own lines are JSON too; its access log is dropped, since the request line of
``request_log`` says the same with the operation, the actor and the outcome added.
"""

from __future__ import annotations

import logging
import sys
from typing import TextIO

from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.json import JsonFormatter

from .request_log import request_id_var

HANDLER_NAME = "lapor-json"


class _RequestIdFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


def json_handler(stream: TextIO | None = None) -> logging.Handler:
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.setFormatter(
        JsonFormatter(
            "{levelname}{name}{message}{request_id}",
            style="{",
            rename_fields={"levelname": "level", "name": "logger"},
            timestamp="time",
            # uvicorn adds its message again with terminal colour codes: no use to a log shipper.
            reserved_attrs=[*RESERVED_ATTRS, "color_message"],
        )
    )
    handler.addFilter(_RequestIdFilter())
    return handler


def configure_logging(log_format: str, stream: TextIO | None = None) -> logging.Handler | None:
    """Install the JSON handler (once per process: a second call replaces the first); text changes nothing."""
    if log_format != "json":
        return None
    handler = json_handler(stream)
    root = logging.getLogger()
    for old in [h for h in root.handlers if h.get_name() == HANDLER_NAME]:
        root.removeHandler(old)
    root.addHandler(handler)
    logging.getLogger("lapor_gql").setLevel(logging.INFO)
    uvicorn = logging.getLogger("uvicorn")
    uvicorn.handlers = [handler]
    uvicorn.propagate = False
    logging.getLogger("uvicorn.access").disabled = True
    return handler
