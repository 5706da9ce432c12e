"""direct_init: the same record as the dataclass's own constructor, only built faster."""

from __future__ import annotations

import dataclasses
import pickle
from decimal import Decimal

import pytest

from jixiao.core.direct_init import direct_init
from jixiao.core.records import Indicator, IndicatorKind, Location


@dataclasses.dataclass(frozen=True, slots=True)
class Plain:
    name: str
    amount: Decimal
    note: str = "无"
    flag: bool = True


@direct_init
@dataclasses.dataclass(frozen=True, slots=True)
class Direct:
    name: str
    amount: Decimal
    note: str = "无"
    flag: bool = True


def fields_of(record: object) -> tuple[object, ...]:
    return tuple(getattr(record, field.name) for field in dataclasses.fields(record))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("args", "kwargs"),
    [
        (("甲", Decimal("1.50")), {}),
        (("乙", Decimal(2), "说明"), {}),
        ((), {"amount": Decimal(3), "name": "丙", "flag": False}),
    ],
)
def test_it_builds_the_record_the_dataclass_constructor_builds(args, kwargs):
    assert fields_of(Direct(*args, **kwargs)) == fields_of(Plain(*args, **kwargs))


def test_the_record_stays_frozen_comparable_hashable_and_picklable():
    record = Direct("甲", Decimal(1))
    with pytest.raises(dataclasses.FrozenInstanceError):
        record.name = "乙"  # type: ignore[misc]
    assert record == Direct("甲", Decimal(1)) and hash(record) == hash(Direct("甲", Decimal(1)))
    assert pickle.loads(pickle.dumps(record)) == record
    assert dataclasses.replace(record, note="改") == Direct("甲", Decimal(1), "改")


def test_a_wrong_call_fails_as_the_dataclass_constructor_does():
    with pytest.raises(TypeError):
        Direct("甲")  # type: ignore[call-arg]
    with pytest.raises(TypeError):
        Direct("甲", Decimal(1), colour="红")  # type: ignore[call-arg]


def test_the_records_read_in_bulk_use_it():
    location = Location("项目", 3, "项目名称", "B")
    assert (location.sheet, location.row, location.column, location.letter) == (
        "项目", 3, "项目名称", "B"
    )  # fmt: skip
    indicator = Indicator(
        "P1", "产出指标", "数量指标", "场次", IndicatorKind.QUANTITATIVE, Decimal(10)
    )
    assert indicator.applicable is True and indicator.location is None
    assert Indicator.__init__.__qualname__ == "Indicator.__init__"


def test_it_refuses_what_it_cannot_reproduce():
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithPostInit:
        value: int

        def __post_init__(self) -> None:
            pass

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        values: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(slots=True)
    class Mutable:
        value: int

    for cls in (WithPostInit, WithFactory, Mutable):
        with pytest.raises(TypeError):
            direct_init(cls)
