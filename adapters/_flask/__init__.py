"""The Flask family: werkzeug's own errors as httpfault errors."""
