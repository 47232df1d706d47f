"""Framework adapters: ``starlette``, ``fastapi``, ``flask``, ``django``, ``drf``,
``aiohttp`` and ``sanic``.

Each module imports its framework; importing one without the framework installed raises
an ``ImportError`` that names the extra to install.
"""
