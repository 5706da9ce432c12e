"""The indicator library (指标库): common indicators shipped as data, and suggestions.

``indicator_library/common.toml`` holds the 财预〔2021〕101号 categories and the common
project and 部门整体 indicators, each with its source. ``suggest_indicators`` ranks, for
one project, indicators from the district's own history (the same functional class, a
similar project name) and from the library, by the weights in the file's ``[ranking]``.
Pure: the caller passes the history in (the web application selects it from the
database, narrowed to the project's class and the years it keeps).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from statistics import median_low
from typing import Any

LIBRARY_PATH = Path(__file__).with_name("indicator_library") / "common.toml"
PROJECT_SCOPE = "project"
DEPARTMENT_SCOPE = "department"


@dataclass(frozen=True, slots=True)
class Category:
    """An indicator class of the library: 一级 and its 二级 list, with its source."""

    level1: str
    level2: tuple[str, ...]
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class LibraryIndicator:
    """A common third-level indicator as the library gives it."""

    name: str
    level1: str
    level2: str
    unit: str
    operator: str
    target: str
    keywords: tuple[str, ...]
    class_codes: tuple[str, ...]
    scope: str
    source: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class Ranking:
    """The points each kind of match earns a suggestion (``[ranking]``)."""

    history_same_class: Decimal
    history_same_code: Decimal
    history_name: Decimal
    history_usage: Decimal
    history_usage_cap: int
    library_keyword: Decimal
    library_class: Decimal
    library_generic: Decimal
    ignored_in_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IndicatorLibrary:
    sources: dict[str, str]
    categories: tuple[Category, ...]
    indicators: tuple[LibraryIndicator, ...]
    ranking: Ranking


@dataclass(frozen=True, slots=True)
class PastIndicator:
    """An indicator a project of the district used in an earlier year (or elsewhere)."""

    department: str
    year: int
    project_name: str
    class_code: str
    level1: str
    level2: str
    name: str
    unit: str
    operator: str
    target: Decimal | None


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One suggested indicator: what fills the row, where it comes from, how it ranked."""

    name: str
    level1: str
    level2: str
    unit: str
    operator: str
    target: str
    source: str
    score: Decimal


def load_indicator_library(path: str | Path = LIBRARY_PATH) -> IndicatorLibrary:
    """Read a library file (the shipped one by default)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8"), parse_float=Decimal)
    sources = dict(data["sources"])
    return IndicatorLibrary(
        sources=sources,
        categories=tuple(
            Category(
                item["level1"], tuple(item["level2"]), sources[item["source"]], item.get("note", "")
            )
            for item in data["category"]
        ),
        indicators=tuple(_library_indicator(item, sources) for item in data["indicator"]),
        ranking=_ranking(data["ranking"]),
    )


def _library_indicator(item: dict[str, Any], sources: dict[str, str]) -> LibraryIndicator:
    return LibraryIndicator(
        name=item["name"],
        level1=item["level1"],
        level2=item["level2"],
        unit=item.get("unit", ""),
        operator=item.get("operator", ""),
        target=str(item.get("target", "")),
        keywords=tuple(item.get("keywords", ())),
        class_codes=tuple(item.get("class_codes", ())),
        scope=item.get("scope", PROJECT_SCOPE),
        source=sources[item["source"]],
        note=item.get("note", ""),
    )


def _ranking(table: dict[str, Any]) -> Ranking:
    points = {key: Decimal(str(value)) for key, value in table.items() if key != "ignored_in_names"}
    return Ranking(
        history_same_class=points["history_same_class"],
        history_same_code=points["history_same_code"],
        history_name=points["history_name"],
        history_usage=points["history_usage"],
        history_usage_cap=int(points["history_usage_cap"]),
        library_keyword=points["library_keyword"],
        library_class=points["library_class"],
        library_generic=points["library_generic"],
        ignored_in_names=tuple(table.get("ignored_in_names", ())),
    )


def name_similarity(first: str, second: str, ignored: tuple[str, ...] = ()) -> Decimal:
    """Shared character pairs over all pairs (Jaccard of bigrams), 0 to 1, after leaving
    out the ``ignored`` words (经费, 项目: in nearly every name, they say nothing).

    Chinese project names share their meaningful words (培训, 设施维护) as character
    pairs, whatever surrounds them, so pairs match better than whole words.
    """
    for word in ignored:
        first, second = first.replace(word, ""), second.replace(word, "")
    left, right = _pairs(first), _pairs(second)
    if not left or not right:
        return Decimal(0)
    return Decimal(len(left & right)) / Decimal(len(left | right))


def _pairs(text: str) -> set[str]:
    cleaned = "".join(ch for ch in text if ch.isalnum())
    return {cleaned[index : index + 2] for index in range(len(cleaned) - 1)}


def suggest_indicators(
    project_name: str,
    class_code: str,
    history: Iterable[PastIndicator],
    library: IndicatorLibrary,
    *,
    scope: str = PROJECT_SCOPE,
    limit: int = 10,
) -> list[Suggestion]:
    """Ranked suggestions for a project (or, with ``scope="department"``, the 部门整体
    goal): the district's history first where it matches, then the library."""
    ranked: dict[tuple[str, str], Suggestion] = {}
    found = (
        _from_history(project_name, class_code, history, library.ranking)
        if scope == PROJECT_SCOPE
        else []
    )
    for suggestion in (*found, *_from_library(project_name, class_code, library, scope)):
        key = (suggestion.name, suggestion.unit)
        if key not in ranked or ranked[key].score < suggestion.score:
            ranked[key] = suggestion
    ordered = sorted(ranked.values(), key=lambda item: (-item.score, item.level1, item.name))
    return ordered[:limit]


def _from_history(
    project_name: str, class_code: str, history: Iterable[PastIndicator], ranking: Ranking
) -> list[Suggestion]:
    groups: dict[tuple[str, str, str, str, str], list[tuple[Decimal, PastIndicator]]] = {}
    # A past project lends all its indicators: its relevance is worked out once.
    relevances: dict[tuple[str, str], Decimal] = {}
    for past in history:
        project = (past.project_name, past.class_code)
        if project not in relevances:
            relevances[project] = _history_relevance(project_name, class_code, past, ranking)
        relevance = relevances[project]
        if relevance > 0:
            key = (past.level1, past.level2, past.name, past.unit, past.operator)
            groups.setdefault(key, []).append((relevance, past))
    return [_history_suggestion(items, ranking) for items in groups.values()]


def _history_relevance(
    project_name: str, class_code: str, past: PastIndicator, ranking: Ranking
) -> Decimal:
    points = Decimal(0)
    if past.class_code[:3] == class_code[:3]:
        points += ranking.history_same_class
        if past.class_code == class_code:
            points += ranking.history_same_code
    similarity = name_similarity(project_name, past.project_name, ranking.ignored_in_names)
    return points + ranking.history_name * similarity


def _history_suggestion(items: list[tuple[Decimal, PastIndicator]], ranking: Ranking) -> Suggestion:
    best_relevance, best = max(items, key=lambda item: (item[0], item[1].year))
    uses = min(len(items), ranking.history_usage_cap)
    usage = ranking.history_usage * Decimal(uses) / Decimal(ranking.history_usage_cap)
    targets = [past.target for _, past in items if past.target is not None]
    typical = format(median_low(targets).normalize(), "f") if targets else ""
    count = f"等 {len(items)} 次" if len(items) > 1 else ""
    return Suggestion(
        best.name,
        best.level1,
        best.level2,
        best.unit,
        best.operator,
        typical,
        f"本地区历史：{best.department} {best.year} 年“{best.project_name}”{count}",
        best_relevance + usage,
    )


def _from_library(
    project_name: str, class_code: str, library: IndicatorLibrary, scope: str
) -> list[Suggestion]:
    ranking = library.ranking
    found = []
    for item in library.indicators:
        if item.scope != scope:
            continue
        points = Decimal(0)
        if any(word in project_name for word in item.keywords):
            points += ranking.library_keyword
        if class_code[:3] in item.class_codes:
            points += ranking.library_class
        if not item.keywords and not item.class_codes:
            points += ranking.library_generic
        if points > 0:
            found.append(
                Suggestion(
                    item.name,
                    item.level1,
                    item.level2,
                    item.unit,
                    item.operator,
                    item.target,
                    f"指标库：{item.source}",
                    points,
                )
            )
    return found
