"""The Falcon family: Falcon's own errors as httpfault errors, for ``App`` and ``asgi.App``."""
