"""Observability: trace ids, OpenTelemetry spans, Sentry events, structured log records."""
