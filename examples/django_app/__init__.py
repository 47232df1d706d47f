"""A small users/items API on Django and Django REST framework, errors in httpfault's contract.

Plain Django views answer at ``/users``, ``/items``...; the same API on DRF answers under
``/drf/``. See ``settings.py`` for the three lines that install httpfault.
"""
