"""A small users/items API on Django and Django REST framework, errors in httpfault's contract.

Plain Django views serve the API of the other examples (``/users``, ``/items``,
``/search``, ``/stats``: same routes, data and texts); users and items as DRF views answer
under ``/drf/``. See ``settings.py`` for the three lines that install httpfault.
"""
