"""What /graphql asks of a multipart request (the GraphQL multipart request spec, for file uploads)
before anything reads its body.

A browser sends ``multipart/form-data`` to any site without a CORS preflight: a page elsewhere could
make a visitor's browser upload (and, with a cookie session, act) without asking. So a multipart
request must carry a header no page can add cross-site without a preflight, which the CORS policy
then answers: ``Apollo-Require-Preflight`` or ``X-Apollo-Operation-Name`` (what Apollo's and urql's
upload links send), the console's ``X-CSRF-Token``, or an ``Authorization`` header. Otherwise 400.

The body limit differs by kind: JSON keeps its 1 MiB, a multipart request may carry a report's worth
of files (``attachment_max_per_report`` × ``attachment_max_bytes``) plus its operations. An
``Idempotency-Key`` is refused on a multipart request: that layer keeps the whole body to compare
retries, which for files means megabytes in memory; upload with attachmentUpload, then send the
command with the key and the ``uploadId``s.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.middleware.body_limit import RequestBodyLimitMiddleware
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from lapor_gql.browser_session import CSRF_HEADER
from lapor_gql.config import Settings
from lapor_gql.graphql_http import JSON
from lapor_gql.http_idempotency import HEADER as IDEMPOTENCY_HEADER

MULTIPART = "multipart/form-data"
# Headers that prove a preflight happened (or that no browser sent the request on its own).
PREFLIGHT_HEADERS = (
    "apollo-require-preflight",
    "x-apollo-operation-name",
    CSRF_HEADER.lower(),
    "authorization",
)
# Room for the operations, the map and the parts' own headers besides the files.
MULTIPART_MARGIN_BYTES = 1024 * 1024

MISSING_PREFLIGHT_HEADER = (
    "A multipart request must carry one of the headers Apollo-Require-Preflight, X-Apollo-Operation-Name, "
    f"{CSRF_HEADER} or Authorization, which a page of another site cannot send without a CORS preflight."
)
IDEMPOTENCY_KEY_ON_MULTIPART = (
    "Idempotency-Key is not accepted on a multipart request: upload the files with attachmentUpload, then "
    "send the mutation with the key and their ids as uploadId."
)


def multipart_body_limit(settings: Settings) -> int:
    return settings.attachment_max_per_report * settings.attachment_max_bytes + MULTIPART_MARGIN_BYTES


class UploadRequests:
    """Wraps the /graphql endpoint: the checks above, and each kind's body limit."""

    def __init__(self, app: ASGIApp, settings: Settings, json_limit: int) -> None:
        self.json_app = RequestBodyLimitMiddleware(app, max_body_size=json_limit)
        self.multipart_app = RequestBodyLimitMiddleware(app, max_body_size=multipart_body_limit(settings))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.json_app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        media_type = headers.get("content-type", "").partition(";")[0].strip().lower()
        if media_type != MULTIPART:
            await self.json_app(scope, receive, send)
            return
        if not any(headers.get(name) for name in PREFLIGHT_HEADERS):
            await _refusal(MISSING_PREFLIGHT_HEADER)(scope, receive, send)
            return
        if headers.get(IDEMPOTENCY_HEADER) is not None:
            await _refusal(IDEMPOTENCY_KEY_ON_MULTIPART)(scope, receive, send)
            return
        await self.multipart_app(scope, receive, send)


def _refusal(message: str) -> JSONResponse:
    return JSONResponse({"errors": [{"message": message}]}, status_code=400, media_type=JSON)
