"""The prose of the status-code catalogue: one record per registered 4xx/5xx status."""

from __future__ import annotations

from typing import NamedTuple


class StatusText(NamedTuple):
    """Human-readable facts about one status code."""

    title: str
    """The RFC 9110 reason phrase."""
    message: str
    """The default sentence sent to clients when an error carries no detail."""
    meaning: str
    """What the status means."""
    use: str
    """Its typical use in a JSON API."""
    fix: str
    """How a client resolves it."""
    retryable: bool
    """Whether the same request, unchanged, may succeed later."""
    required_headers: tuple[str, ...]
    """Response headers the specification requires with this status."""
    recommended_headers: tuple[str, ...]
    """Response headers the specification recommends (SHOULD/MAY) with this status."""


TEXTS: dict[int, StatusText] = {
    400: StatusText(
        title="Bad Request",
        message="The request was malformed or invalid.",
        meaning=(
            "The server will not process the request because it perceives a client-side fault, "
            "such as malformed syntax, invalid message framing or a body that cannot be parsed."
        ),
        use=(
            "Send it when the body is not valid JSON, a query parameter has the wrong type, or the "
            "request is otherwise broken before any business rule is evaluated."
        ),
        fix=(
            "Correct the request using the error details (syntax, field types, required "
            "parameters) and send it again; repeating it unchanged will fail the same way."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    401: StatusText(
        title="Unauthorized",
        message="Authentication is required to access this resource.",
        meaning=(
            "The request lacks valid authentication credentials for the target resource: either "
            "none were sent or the ones supplied were rejected."
        ),
        use=(
            "Send it when a bearer token or API key is missing, malformed, expired or revoked; the "
            "WWW-Authenticate header must name at least one scheme the client can use."
        ),
        fix=(
            "Obtain fresh credentials (log in, refresh the token or check the API key) and resend "
            "the request with a valid Authorization header."
        ),
        retryable=False,
        required_headers=("WWW-Authenticate",),
        recommended_headers=(),
    ),
    402: StatusText(
        title="Payment Required",
        message="Payment is required to access this resource.",
        meaning=(
            "The specification reserves this code for future use and gives it no standardised "
            "semantics."
        ),
        use=(
            "Some APIs send it when the account's plan, credit or billing status does not cover "
            "the operation, such as an exhausted paid quota; document the convention if you rely "
            "on it."
        ),
        fix=(
            "Check the account's subscription, balance or payment method, settle the billing "
            "issue, then repeat the request."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    403: StatusText(
        title="Forbidden",
        message="You do not have permission to perform this action.",
        meaning=(
            "The server understood the request but refuses to carry it out; if credentials were "
            "supplied, the server considers them insufficient for this resource."
        ),
        use=(
            "Send it when an authenticated caller lacks the role, scope or ownership the operation "
            "needs; prefer 404 when even the existence of the resource must stay hidden."
        ),
        fix=(
            "Request the missing permission or scope, or switch to an account that has it; "
            "authenticating again with the same identity will not help."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    404: StatusText(
        title="Not Found",
        message="The requested resource was not found.",
        meaning=(
            "The origin server has no current representation for the target resource, or is "
            "unwilling to reveal that one exists; the condition may be temporary or permanent."
        ),
        use=(
            "Send it when an identifier in the path matches no record, when no route exists for "
            "the URL, or to conceal resources the caller is not allowed to know about."
        ),
        fix=(
            "Verify the URL, path parameters and identifier; the resource may never have existed, "
            "may have been deleted, or may be hidden from this caller."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    405: StatusText(
        title="Method Not Allowed",
        message="This method is not supported for the requested resource.",
        meaning=(
            "The server recognises the request method, but the target resource does not support "
            "it; the response must list the supported methods in an Allow header."
        ),
        use=(
            "Send it when a client calls, for example, DELETE on a read-only collection or POST on "
            "an endpoint that only serves GET."
        ),
        fix=(
            "Read the Allow header and repeat the operation with one of the methods it lists, or "
            "use the endpoint intended for that action."
        ),
        retryable=False,
        required_headers=("Allow",),
        recommended_headers=(),
    ),
    406: StatusText(
        title="Not Acceptable",
        message="The requested response format is not available.",
        meaning=(
            "The resource has no representation that satisfies the proactive negotiation headers "
            "of the request (Accept, Accept-Language, Accept-Encoding and similar), and the server "
            "chose not to fall back to a default."
        ),
        use=(
            "Send it when a client insists on a media type the API cannot produce, such as Accept: "
            "application/xml on a JSON-only endpoint; the body should list what is available."
        ),
        fix=(
            "Relax or correct the Accept-* headers, for instance by allowing application/json or "
            "*/*, and send the request again."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    407: StatusText(
        title="Proxy Authentication Required",
        message="Authentication with the proxy is required.",
        meaning=(
            "Similar to 401, except that the client must first authenticate itself to a proxy on "
            "the path; the proxy must send a Proxy-Authenticate challenge."
        ),
        use=(
            "Produced by forward proxies rather than by an API itself; an origin application "
            "should almost never raise it."
        ),
        fix=(
            "Configure the client with valid proxy credentials and resend the request with a "
            "Proxy-Authorization header."
        ),
        retryable=False,
        required_headers=("Proxy-Authenticate",),
        recommended_headers=(),
    ),
    408: StatusText(
        title="Request Timeout",
        message="The server timed out waiting for the request.",
        meaning=(
            "The server did not receive a complete request message within the time it was prepared "
            "to wait, and will usually close the connection."
        ),
        use=(
            "Mostly emitted by servers and load balancers when a client opens a connection but "
            "sends the headers or body too slowly; application code rarely raises it."
        ),
        fix=(
            "Resend the request, ideally on a new connection; if it keeps happening, look for slow "
            "uploads or network stalls on the client side."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    409: StatusText(
        title="Conflict",
        message="The request conflicts with the current state of the resource.",
        meaning=(
            "The request could not be completed because it clashes with the present state of the "
            "target resource; the client may be able to resolve the clash and resubmit."
        ),
        use=(
            "Send it for a duplicate unique value such as an email that is already registered, for "
            "an edit based on a stale version, or for a state transition that is not allowed right "
            "now."
        ),
        fix=(
            "Fetch the current state of the resource, reconcile the difference (pick another "
            "unique value or merge the changes) and submit a corrected request."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    410: StatusText(
        title="Gone",
        message="The requested resource is no longer available.",
        meaning=(
            "The resource used to exist at this URI but has been removed, and the removal is "
            "expected to be permanent; the response is cacheable by default."
        ),
        use=(
            "Send it for deliberately retired endpoints, API versions past their sunset date, or "
            "records that were permanently deleted and that the server still remembers."
        ),
        fix=(
            "Stop requesting this URI and drop any stored references to it; move to the "
            "replacement endpoint or version if one is documented."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    411: StatusText(
        title="Length Required",
        message="The request must include a Content-Length header.",
        meaning=(
            "The server refuses to accept the request unless it declares its body size with a "
            "Content-Length header."
        ),
        use=(
            "Send it when an endpoint must know the body size in advance, for instance to enforce "
            "an upload limit, and the client sent a chunked or unsized body."
        ),
        fix=(
            "Add a valid Content-Length header giving the body size in bytes and send the request "
            "again."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    412: StatusText(
        title="Precondition Failed",
        message="A precondition in the request was not met.",
        meaning=(
            "At least one condition in the request headers, such as If-Match or "
            "If-Unmodified-Since, evaluated to false on the server, so the method was not applied."
        ),
        use=(
            "Send it when an optimistic concurrency check fails, for example when the ETag in "
            "If-Match no longer matches the stored version of the resource."
        ),
        fix=(
            "Fetch the resource again to learn its current ETag or modification date, reapply the "
            "change to that fresh state, and resend with updated preconditions."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    413: StatusText(
        title="Content Too Large",
        message="The request content is too large.",
        meaning=(
            "The request content is bigger than the server is willing or able to process; the "
            "server may close the connection to stop receiving it."
        ),
        use=(
            "Send it when an upload or JSON body exceeds the documented size limit; add "
            "Retry-After only when the restriction is temporary."
        ),
        fix=(
            "Shrink the payload or split it across several requests, or switch to a chunked or "
            "multipart upload mechanism if the API offers one."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=("Retry-After",),
    ),
    414: StatusText(
        title="URI Too Long",
        message="The request URI is too long.",
        meaning="The target URI is longer than the server is willing to interpret.",
        use=(
            "Send it when the path or query string exceeds the server's limit, typically because a "
            "long filter list or a whole data set was encoded into the query."
        ),
        fix=(
            "Shorten the URI, for example by moving large parameters into a request body (such as "
            "a POST search endpoint) or by paginating the query."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    415: StatusText(
        title="Unsupported Media Type",
        message="The request content uses an unsupported media type.",
        meaning=(
            "The server refuses the request because its content is in a format the target resource "
            "does not support for this method, judged from Content-Type, Content-Encoding or the "
            "data itself."
        ),
        use=(
            "Send it when a JSON endpoint receives a body labelled text/plain or form-encoded, or "
            "a PATCH document in a format the resource cannot apply."
        ),
        fix=(
            "Send the body in a supported format with a matching Content-Type, such as "
            "application/json, and a content coding the server accepts."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=("Accept", "Accept-Encoding", "Accept-Patch"),
    ),
    416: StatusText(
        title="Range Not Satisfiable",
        message="The requested range cannot be satisfied.",
        meaning=(
            "None of the ranges in the Range header overlap the current extent of the selected "
            "representation, or the set of ranges was rejected as invalid or excessive."
        ),
        use=(
            "Send it when a download asks for bytes beyond the end of the file; include "
            "Content-Range: bytes */<length> so the client learns the actual size."
        ),
        fix=(
            "Read the full length from the Content-Range header and request a range inside it, or "
            "drop the Range header to fetch the whole representation."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=("Content-Range",),
    ),
    417: StatusText(
        title="Expectation Failed",
        message="The expectation in the request could not be met.",
        meaning=(
            "An expectation given in the request's Expect header could not be satisfied by at "
            "least one of the inbound servers."
        ),
        use=(
            "Send it when a client sends an Expect value other than 100-continue, or one that the "
            "server or an intermediary does not support."
        ),
        fix=(
            "Resend the request without the Expect header, or with only 100-continue if the server "
            "supports it."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    418: StatusText(
        title="I'm a teapot",
        message="The server refuses to brew coffee because it is a teapot.",
        meaning=(
            "Defined as a joke by the April Fools' coffee-pot control protocol (RFC 2324); RFC "
            "9110 lists the code as unused and reserves it so that it is never given a real "
            "meaning."
        ),
        use=(
            "Not a genuine API error: some services return it as an easter egg or to turn away "
            "requests they deliberately ignore; production APIs should prefer a meaningful code."
        ),
        fix=(
            "There is nothing to repair in the HTTP sense; check the API documentation for what "
            "the service means by it, or use another endpoint."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    # Not retryable as-is: RFC 9110 allows a retry only over a *different*
    # connection, so a plain retry on a pooled connection would fail again.
    421: StatusText(
        title="Misdirected Request",
        message="The request was directed to a server that cannot respond to it.",
        meaning=(
            "The request reached a server that cannot or will not produce an authoritative "
            "response for the target URI, typically because a connection was reused for another "
            "host or scheme."
        ),
        use=(
            "Mostly produced by HTTP/2 and TLS front ends when connection coalescing routes a "
            "request to the wrong origin; application code rarely raises it."
        ),
        fix=(
            "Repeat the request over a new connection, which the specification permits even for "
            "non-idempotent methods; check DNS, TLS certificates and SNI if it persists."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    422: StatusText(
        title="Unprocessable Content",
        message="The request was well-formed but contains invalid data.",
        meaning=(
            "The server understands the content type and the syntax is correct, but it cannot "
            "process the instructions the content contains."
        ),
        use=(
            "Send it for validation failures in well-formed JSON: a missing required field, an "
            "out-of-range value, or data that violates a business rule."
        ),
        fix=(
            "Correct the fields reported in the error details so they satisfy the validation "
            "rules, then send the request again."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    423: StatusText(
        title="Locked",
        message="The resource is locked.",
        meaning=(
            "The source or destination resource of the method is locked (a WebDAV status from RFC "
            "4918), so the operation cannot proceed at the moment."
        ),
        use=(
            "Send it when another client or process holds an exclusive lock or checkout on the "
            "resource, for example a document open for editing or a job being processed."
        ),
        fix=(
            "Wait for the lock to be released, or supply the lock token if you own it, then retry "
            "with backoff between attempts."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    424: StatusText(
        title="Failed Dependency",
        message="The request failed because a related operation failed.",
        meaning=(
            "The method could not be carried out on the resource because it depended on another "
            "action that failed (a WebDAV status from RFC 4918)."
        ),
        use=(
            "Send it for items of a batch or transactional request that were not applied because "
            "an earlier or sibling operation failed."
        ),
        fix=(
            "Find the operation that actually failed (usually reported with its own status), fix "
            "it, and resubmit the whole request."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    425: StatusText(
        title="Too Early",
        message="The server will not process a request that might be replayed.",
        meaning=(
            "The server is unwilling to risk handling a request that could be replayed, typically "
            "one sent in TLS 1.3 early data before the handshake finished (RFC 8470)."
        ),
        use=(
            "Send it, usually from a TLS terminator, when a non-idempotent request arrives as "
            "0-RTT early data and accepting a replay would be unsafe."
        ),
        fix=(
            "Retry the request after the TLS handshake has completed; compliant clients do this "
            "automatically."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    426: StatusText(
        title="Upgrade Required",
        message="The client must switch to a different protocol.",
        meaning=(
            "The server refuses to perform the request over the current protocol but may do so "
            "after the client upgrades; the Upgrade header names the acceptable protocols."
        ),
        use=(
            "Send it when an endpoint is only served over a newer protocol, or only over a "
            "WebSocket connection, and the client used plain HTTP/1.1."
        ),
        fix=(
            "Switch to one of the protocols listed in the Upgrade header and repeat the request "
            "over it."
        ),
        retryable=False,
        required_headers=("Upgrade",),
        recommended_headers=(),
    ),
    428: StatusText(
        title="Precondition Required",
        message="This request must be conditional.",
        meaning=(
            "The origin server requires the request to be conditional (RFC 6585), so that "
            "concurrent clients cannot silently overwrite each other's changes."
        ),
        use=(
            "Send it when a PUT, PATCH or DELETE arrives without If-Match or If-Unmodified-Since "
            "on a resource that enforces optimistic concurrency control."
        ),
        fix=(
            "Fetch the resource to obtain its ETag or Last-Modified value, then resend the change "
            "with an If-Match or If-Unmodified-Since header."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    429: StatusText(
        title="Too Many Requests",
        message="Too many requests were sent in a short period.",
        meaning=(
            "The client has sent more requests than allowed within a time window (RFC 6585); the "
            "response may indicate how long to wait with Retry-After."
        ),
        use=(
            "Send it when a per-user, per-key or per-IP rate limit or quota is exceeded; include "
            "Retry-After so clients know when to come back."
        ),
        fix=(
            "Wait for the delay given by Retry-After, then retry with exponential backoff and "
            "jitter; lower request concurrency or batch calls to stay under the limit."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=("Retry-After",),
    ),
    431: StatusText(
        title="Request Header Fields Too Large",
        message="The request header fields are too large.",
        meaning=(
            "The server will not process the request because a single header field, or the header "
            "section as a whole, is too large (RFC 6585)."
        ),
        use=(
            "Send it, usually from the server or proxy layer, when cookies, tokens or custom "
            "headers exceed the configured size limit."
        ),
        fix=(
            "Reduce the header size, for example by clearing accumulated cookies or shortening "
            "custom headers and tokens, then resend."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    451: StatusText(
        title="Unavailable For Legal Reasons",
        message="This resource is unavailable for legal reasons.",
        meaning=(
            "The server denies access to the resource because of a legal demand, such as a court "
            "order or a government regulation (RFC 7725)."
        ),
        use=(
            "Send it when content is blocked in the caller's jurisdiction or withdrawn for legal "
            "reasons; explain the demand in the body and identify the blocking entity with a Link "
            "header using rel=blocked-by."
        ),
        fix=(
            "Usually nothing can be changed on the client side; read the explanation in the body "
            "and contact the provider or the party named in the Link header."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=("Link",),
    ),
    500: StatusText(
        title="Internal Server Error",
        message="An unexpected error occurred while processing the request.",
        meaning=(
            "The server hit an unexpected condition that prevented it from fulfilling a request "
            "that was otherwise acceptable."
        ),
        use=(
            "Send it for unhandled exceptions and bugs; log the details on the server and return "
            "only a generic message together with a request id."
        ),
        fix=(
            "Retry later with backoff and report the request id if the error persists; operators "
            "should inspect the logs and traces recorded for that request."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    501: StatusText(
        title="Not Implemented",
        message="This functionality is not implemented.",
        meaning=(
            "The server does not support the functionality needed to fulfil the request, such as a "
            "method it does not recognise; the response is cacheable by default."
        ),
        use=(
            "Send it for a method the server does not recognise for any resource, or for a "
            "documented endpoint or feature that is not available yet."
        ),
        fix=(
            "Use a supported method or feature, since the request cannot succeed until the server "
            "implements it; operators should check the feature's rollout and routing."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    502: StatusText(
        title="Bad Gateway",
        message="An invalid response was received from an upstream server.",
        meaning=(
            "A server acting as a gateway or proxy received an invalid response from an inbound "
            "server it contacted while trying to fulfil the request."
        ),
        use=(
            "Send it from an API or gateway when a backend or third-party dependency returns a "
            "malformed or unexpected response, or drops the connection."
        ),
        fix=(
            "Retry later with exponential backoff; operators should check the health, logs and "
            "deployment state of the upstream service and the proxy configuration."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    503: StatusText(
        title="Service Unavailable",
        message="The service is temporarily unavailable.",
        meaning=(
            "The server cannot handle the request right now because of temporary overload or "
            "scheduled maintenance, and expects the condition to clear after some delay."
        ),
        use=(
            "Send it during maintenance windows, while a circuit breaker is open, or when shedding "
            "load; include Retry-After when the expected recovery time is known."
        ),
        fix=(
            "Wait for Retry-After if present, otherwise retry with exponential backoff; operators "
            "should check capacity, dependencies and maintenance status."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=("Retry-After",),
    ),
    504: StatusText(
        title="Gateway Timeout",
        message="An upstream server did not respond in time.",
        meaning=(
            "A server acting as a gateway or proxy did not receive a timely response from an "
            "upstream server it needed in order to complete the request."
        ),
        use=(
            "Send it when a call to a backend service or third-party API exceeds its timeout while "
            "the gateway is waiting."
        ),
        fix=(
            "Retry with backoff, preferably only for idempotent requests or with an idempotency "
            "key; operators should check upstream latency and timeout settings."
        ),
        retryable=True,
        required_headers=(),
        recommended_headers=(),
    ),
    505: StatusText(
        title="HTTP Version Not Supported",
        message="The HTTP version used by the request is not supported.",
        meaning=(
            "The server does not support, or refuses to support, the major HTTP version used in "
            "the request message."
        ),
        use=(
            "Produced by the HTTP server layer when a client speaks a protocol version it will not "
            "handle; the body should explain why and which versions are supported."
        ),
        fix=(
            "Send the request with a supported HTTP version, typically HTTP/1.1 or HTTP/2, by "
            "adjusting the client library's configuration."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    506: StatusText(
        title="Variant Also Negotiates",
        message="The server is unable to negotiate a representation for this resource.",
        meaning=(
            "The server has a configuration error in transparent content negotiation (RFC 2295): "
            "the chosen variant is itself set up to negotiate, so it cannot act as an end point."
        ),
        use=(
            "Practically never raised by JSON APIs; it belongs to servers that implement "
            "transparent content negotiation."
        ),
        fix=(
            "The client cannot fix it and should report it to the provider; operators should "
            "correct the variant configuration so that negotiation does not loop."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    # Not retryable as-is: RFC 4918 treats the condition as temporary but says a
    # user-triggered request must not be repeated without a new user action.
    507: StatusText(
        title="Insufficient Storage",
        message="There is not enough storage available to complete the request.",
        meaning=(
            "The method could not be performed because the server cannot store the representation "
            "needed to complete the request (a WebDAV status from RFC 4918)."
        ),
        use=(
            "Send it when an upload or write fails because the account's storage quota or the "
            "server's disk space is exhausted."
        ),
        fix=(
            "Free space or raise the quota before trying again; operators should check disk "
            "capacity and quota settings."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    508: StatusText(
        title="Loop Detected",
        message="The server detected an infinite loop while processing the request.",
        meaning=(
            "The server stopped the operation because it found an infinite loop while processing a "
            "request with Depth: infinity (a WebDAV binding status from RFC 5842)."
        ),
        use=(
            "Send it when a recursive operation that follows bindings, references or parent links "
            "comes back to a resource it already processed, for example a cyclic folder tree."
        ),
        fix=(
            "Remove the cycle from the resource graph or use a finite Depth; operators should "
            "inspect the bindings or references that form the loop."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    510: StatusText(
        title="Not Extended",
        message="Further extensions to the request are required.",
        meaning=(
            "The request did not satisfy the server's policy for the resource, which demands a "
            "mandatory extension declaration (RFC 2774); that experiment is now historic and the "
            "code is obsolete."
        ),
        use=(
            "Practically never used by modern APIs; only servers implementing the RFC 2774 "
            "extension framework send it, describing the required extensions in the body."
        ),
        fix=(
            "Resend the request with the mandatory extension declarations described in the "
            "response, or contact the provider if none are given."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
    511: StatusText(
        title="Network Authentication Required",
        message="Network authentication is required.",
        meaning=(
            "The client must authenticate to gain network access (RFC 6585); the code is meant for "
            "intercepting proxies such as captive portals, never for origin servers."
        ),
        use=(
            "Not for APIs themselves: captive portals on hotel or airport networks send it to the "
            "requests they intercept, with a link to a login page in the body."
        ),
        fix=(
            "Open the network's login page (usually linked in the response body), sign in or "
            "accept its terms, then repeat the request."
        ),
        retryable=False,
        required_headers=(),
        recommended_headers=(),
    ),
}
