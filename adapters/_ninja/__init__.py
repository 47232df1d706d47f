"""The Django Ninja family: Ninja's own exceptions translated (see ``httpfault.adapters.ninja``)."""
