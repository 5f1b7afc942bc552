"""Which findings lead the executive summary: one documented rule, a pure function of the
findings it is given (tested on hand-made sets in tests/test_ranking.py).

The rule (`RULE`, also in the method text and docs/analyst-guide.md):

1. a difference that is adverse to the focus group and beyond chance;
2. then one adverse to the focus group and further from equal than last year;
3. then a relative likelihood outside the non-adverse range (either side).

A finding meeting none of the three is not a key finding. Findings in the same tier are
ordered by the later tests they also meet (a tier-1 finding that has also worsened comes
before one that has not), then by how far the figure lies from no difference in lengths of
its interval (`strength`), then in the standard's own order. At most three are kept.
"""

from __future__ import annotations

from dataclasses import dataclass

MOST = 3

RULE = (
    "Key findings are chosen by one rule: first a difference adverse to {focus} staff and "
    "beyond chance; then one adverse to them and further from equal than last year; then a "
    "relative likelihood outside the non-adverse range. At most three are shown."
)


@dataclass(frozen=True)
class Finding:
    """One indicator's comparison, as the rule reads it.

    adverse: the focus group fares worse; beyond_chance: its interval excludes no
    difference; worsened: further from equal than last year; outside_range: a relative
    likelihood outside the non-adverse range; strength: distance from no difference in
    interval lengths (0 when no interval); order: its place in the standard."""

    indicator: str
    adverse: bool
    beyond_chance: bool
    worsened: bool
    outside_range: bool
    strength: float = 0.0
    order: int = 0
    sentence: str = ""

    @property
    def tiers(self) -> tuple[bool, bool, bool]:
        """Which of the rule's three tests it meets, in the rule's order."""
        return (
            self.adverse and self.beyond_chance,
            self.adverse and self.worsened,
            self.outside_range,
        )


def rank(findings: list[Finding], most: int = MOST) -> list[Finding]:
    """The key findings, best first: those meeting any of the rule's tests, ordered by the
    tests they meet (lexically, in the rule's order), then strength, then the standard's
    order; at most `most`."""
    chosen = [f for f in findings if any(f.tiers)]
    chosen.sort(key=lambda f: (tuple(not t for t in f.tiers), -f.strength, f.order))
    return chosen[:most]


def rule(focus: str) -> str:
    """The rule in one sentence, for the summary and the method text."""
    return RULE.format(focus=focus)
