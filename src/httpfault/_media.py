"""The names the wire contract is spelled with: its two media types and ``about:blank``."""

from __future__ import annotations

__all__ = ["ABOUT_BLANK", "JSON", "PROBLEM"]

JSON = "application/json"
"""The media type of the JSON format (``{"error": {...}}``)."""
PROBLEM = "application/problem+json"
"""The media type of RFC 9457 problem details."""
ABOUT_BLANK = "about:blank"
"""The problem type of an error with no type of its own (RFC 9457 §4.2.1)."""
