"""Rendered errors with holes for what changes per request: request id, trace id, path.

An adapter that answers the same error again and again (the same missing field, say)
renders it once with stand-ins for the request id and the request path, and splices each
request's own values into the bytes. The result is byte for byte what
:func:`~httpfault._render.render_with_id` gives for that request: the stand-ins go
through the same rendering code, and what replaces them (a request id fit to echo, a
percent-encoded path) is text that JSON encodes as it is.
"""

from __future__ import annotations

from secrets import token_hex

from ._config import Config
from ._errors import HTTPError
from ._render import Rendered, render_with_id, wants_problem
from ._request import RequestInfo, uri_reference

__all__ = ["Template", "make_template"]

# Random per process: no rendered value can hold them by chance, and a client never sees
# them (a template whose stand-ins are not found once each is not made).
_RID = token_hex(16)
_PATH = "/" + token_hex(16)
_TID = token_hex(16)
_RID_BYTES = _RID.encode("ascii")
_PATH_BYTES = _PATH.encode("ascii")
_TID_BYTES = _TID.encode("ascii")
_PATH_SLOT, _RID_SLOT, _TID_SLOT = 0, 1, 2
_RID_ONLY = (_RID_SLOT,)
_new_rendered = tuple.__new__


class Template:
    """An error rendered once, filled per request with its request id, trace id and path."""

    __slots__ = (
        "_headers", "_pieces", "_rid_at", "_slots", "problem", "size", "status", "with_request_id",
        "with_trace_id",
    )  # fmt: skip

    status: int
    problem: bool
    with_request_id: bool
    with_trace_id: bool
    size: int
    """The length of the template's body, for callers that bound what they keep."""

    def __init__(
        self,
        status: int,
        headers: list[tuple[str, str]],
        body: bytes,
        problem: bool,
        with_request_id: bool,
        *,
        with_trace_id: bool = False,
    ) -> None:
        rid_at = -1
        for index, (_, value) in enumerate(headers):
            if _TID in value:
                raise ValueError("a stand-in is in a header where it cannot be replaced")
            if _RID in value or _PATH in value:
                if value != _RID or rid_at >= 0 or not with_request_id:
                    raise ValueError("a stand-in is in a header where it cannot be replaced")
                rid_at = index
        if (
            body.count(_RID_BYTES) != int(with_request_id)
            or body.count(_PATH_BYTES) > 1
            or body.count(_TID_BYTES) != int(with_trace_id)
        ):
            raise ValueError("a stand-in is in the body where it cannot be replaced")
        found = []
        markers = ((_PATH_BYTES, _PATH_SLOT), (_RID_BYTES, _RID_SLOT), (_TID_BYTES, _TID_SLOT))
        for marker, slot in markers:
            if marker in body:
                found.append((body.index(marker), marker, slot))
        found.sort()
        pieces, slots, start = [], [], 0
        for at, marker, slot in found:
            pieces.append(body[start:at])
            slots.append(slot)
            start = at + len(marker)
        pieces.append(body[start:])
        self.status = status
        self.problem = problem
        self.with_request_id = with_request_id
        self.with_trace_id = with_trace_id
        self.size = len(body)
        self._headers = headers
        self._rid_at = rid_at
        self._pieces = tuple(pieces)
        self._slots = tuple(slots)

    @property
    def headers(self) -> list[tuple[str, str]]:
        """The response headers; the request id's value (at :attr:`rid_at`) is a stand-in."""
        return self._headers.copy()

    @property
    def rid_at(self) -> int:
        """The index of the request id header in :attr:`headers`; ``-1`` without one."""
        return self._rid_at

    def body(
        self, request: RequestInfo, request_id: str | None, trace_id: str | None = None
    ) -> bytes:
        """The body for *request*, whose request id is *request_id* (empty for HEAD).

        *request_id* must be one :func:`~httpfault._render.request_facts` gave,
        and ``None`` exactly when the template was made without one; *trace_id* (32 hex
        digits) likewise.
        """
        if (request_id is not None) is not self.with_request_id:
            raise ValueError("this template was made for requests with(out) a request id")
        if (trace_id is not None) is not self.with_trace_id:
            raise ValueError("this template was made for requests with(out) a trace id")
        if request.method == "HEAD":
            return b""
        pieces = self._pieces
        if self._slots == _RID_ONLY:  # the JSON format's only stand-in
            return pieces[0] + request_id.encode("ascii") + pieces[1]  # type: ignore[union-attr]
        parts = [pieces[0]]
        for slot, piece in zip(self._slots, pieces[1:], strict=True):
            if slot == _RID_SLOT:
                parts.append(request_id.encode("ascii"))  # type: ignore[union-attr]
            elif slot == _TID_SLOT:
                parts.append(trace_id.encode("ascii"))  # type: ignore[union-attr]
            else:
                parts.append(uri_reference(request.path).encode("ascii"))
            parts.append(piece)
        return b"".join(parts)

    def fill(
        self, request: RequestInfo, request_id: str | None, trace_id: str | None = None
    ) -> Rendered:
        """The whole response for *request* (see :meth:`body`)."""
        if (
            self._slots == _RID_ONLY  # the JSON format's only stand-in: spliced right here
            and request_id is not None
            and trace_id is None
            and request.method != "HEAD"
        ):
            pieces = self._pieces
            body = pieces[0] + request_id.encode("ascii") + pieces[1]
        else:
            body = self.body(request, request_id, trace_id)
        headers = self._headers.copy()
        if self._rid_at >= 0:
            headers[self._rid_at] = (headers[self._rid_at][0], request_id)  # type: ignore[assignment]
        return _new_rendered(Rendered, (self.status, headers, body))


def make_template(
    error: HTTPError,
    config: Config,
    request: RequestInfo,
    request_id: str | None,
    trace_id: str | None = None,
) -> Template | None:
    """A template of *error* as rendered for *request*, or ``None`` where none fits.

    It serves every request that negotiates the same format and has a request id exactly
    when *request_id* is not ``None`` (and a trace id exactly when *trace_id* is not
    ``None``). None fits with a ``formatter`` or ``debug`` (the
    body may depend on more than the id and the path), nor where rendering fails (each
    request must take, and log, the fallback itself).
    """
    if config.formatter is not None or config.debug:
        return None
    problem = wants_problem(config, request)
    stand_in = RequestInfo("GET", _PATH, request.headers, *request[3:4])  # its language
    rid = None if request_id is None else _RID
    tid = None if trace_id is None else _TID
    try:
        status, headers, body = render_with_id(
            error, config, stand_in, rid, strict=True, trace_id=tid
        )
        return Template(
            status, headers, body, problem, rid is not None, with_trace_id=tid is not None
        )
    except Exception:
        return None
