"""The generic field-error sentences httpfault writes, by error type: the msgids of the catalogues.

The first three are httpfault's own (a message that would quote the submitted value is
replaced by one of them); the others stand for pydantic's error types. Placeholders are
Python ``{name}`` fields named after the keys of pydantic's ``ctx`` for that type, so
``FIELD_MESSAGES[type].format(**ctx)`` fills them. No sentence quotes the submitted value.
"""

from __future__ import annotations

__all__ = ["FIELD_MESSAGES", "NEUTRAL_MESSAGE"]

NEUTRAL_MESSAGE = "Invalid value."
"""The sentence of a field error whose own message is withheld."""

FIELD_MESSAGES: dict[str, str] = {
    # httpfault's own sentences (pydantic, Django, DRF)
    "invalid": NEUTRAL_MESSAGE,
    "invalid_choice": "Not a valid choice.",
    "does_not_exist": "Object does not exist.",
    # pydantic's error types
    "missing": "Field required.",
    "extra_forbidden": "Extra fields are not permitted.",
    "value_error": "Invalid value.",
    "assertion_error": "Assertion failed.",
    "string_type": "Input should be a valid string.",
    "string_too_short": "The string is too short; the minimum length is {min_length}.",
    "string_too_long": "The string is too long; the maximum length is {max_length}.",
    "string_pattern_mismatch": "String does not match the expected pattern.",
    "int_type": "Input should be a valid integer.",
    "int_parsing": "Input should be a valid integer.",
    "int_from_float": "Input should be a whole number.",
    "float_type": "Input should be a valid number.",
    "float_parsing": "Input should be a valid number.",
    "finite_number": "Input should be a finite number.",
    "bool_type": "Input should be a valid boolean.",
    "bool_parsing": "Input should be a valid boolean.",
    "decimal_parsing": "Input should be a valid decimal.",
    "decimal_max_digits": "Too many digits; the maximum is {max_digits}.",
    "decimal_max_places": "Too many decimal places; the maximum is {decimal_places}.",
    "greater_than": "Input should be greater than {gt}.",
    "greater_than_equal": "Input should be greater than or equal to {ge}.",
    "less_than": "Input should be less than {lt}.",
    "less_than_equal": "Input should be less than or equal to {le}.",
    "multiple_of": "Input should be a multiple of {multiple_of}.",
    "enum": "Input should be one of the allowed values.",
    "literal_error": "Input should be one of the allowed values.",
    "too_short": "Too few items; the minimum is {min_length}.",
    "too_long": "Too many items; the maximum is {max_length}.",
    "list_type": "Input should be a valid array.",
    "tuple_type": "Input should be a valid array.",
    "set_type": "Input should be a valid array.",
    "dict_type": "Input should be a valid object.",
    "model_type": "Input should be a valid object.",
    "model_attributes_type": "Input should be a valid object.",
    "none_required": "Input should be null.",
    "bytes_type": "Input should be valid bytes.",
    "date_type": "Input should be a valid date.",
    "date_parsing": "Input should be a valid date.",
    "date_from_datetime_parsing": "Input should be a valid date.",
    "date_past": "Input should be in the past.",
    "date_future": "Input should be in the future.",
    "datetime_type": "Input should be a valid datetime.",
    "datetime_parsing": "Input should be a valid datetime.",
    "datetime_from_date_parsing": "Input should be a valid datetime.",
    "datetime_past": "Input should be in the past.",
    "datetime_future": "Input should be in the future.",
    "timezone_aware": "Input should have timezone info.",
    "timezone_naive": "Input should not have timezone info.",
    "time_type": "Input should be a valid time.",
    "time_parsing": "Input should be a valid time.",
    "time_delta_type": "Input should be a valid duration.",
    "time_delta_parsing": "Input should be a valid duration.",
    "uuid_type": "Input should be a valid UUID.",
    "uuid_parsing": "Input should be a valid UUID.",
    "url_type": "Input should be a valid URL.",
    "url_parsing": "Input should be a valid URL.",
    "json_invalid": "Invalid JSON.",
    "union_tag_invalid": "Input tag does not match any of the expected tags.",
}
"""Error type -> the generic English sentence for it (several types share one)."""
