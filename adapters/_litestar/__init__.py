"""The Litestar family: Litestar's own exceptions translated, and the request view."""
