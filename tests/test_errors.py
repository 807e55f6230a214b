"""Messages from pydantic validation read as the validator wrote them, without Python's words."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError, field_validator

from factcheck.errors import validation_message


class Entry(BaseModel):
    outlet: str
    count: int = 0

    @field_validator("outlet")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("an outlet needs a name")
        assert value != "?", "say which outlet"
        return value


def _first(data: dict[str, object]) -> str:
    with pytest.raises(ValidationError) as caught:
        Entry.model_validate(data)
    return validation_message(caught.value.errors()[0])


def test_a_validators_own_words_lose_the_prefix() -> None:
    assert _first({"outlet": " "}) == "an outlet needs a name"
    assert _first({"outlet": "?"}) == "say which outlet"


def test_pydantics_own_messages_are_kept() -> None:
    assert _first({"outlet": "Wire", "count": "many"}).startswith("Input should be a valid")
    assert _first({}) == "Field required"
