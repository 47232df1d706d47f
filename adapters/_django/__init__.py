"""The Django family: what the Django and DRF adapters share."""
