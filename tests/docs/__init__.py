"""Tests of the documentation: the site builds, and every example runs."""
