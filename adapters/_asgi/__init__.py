"""The ASGI family: what the Starlette and FastAPI adapters share."""
