"""`factcheck rules list`: the loaded rules and each rule kind's documentation."""

from __future__ import annotations

import inspect

from factcheck.plural import plural
from factcheck.rules.loader import RuleSet


def kind_docs() -> dict[str, str]:
    """Each implemented rule kind and its module docstring (the kind's documentation)."""
    from factcheck.rules import agree, internal, quote

    return {
        "agree": inspect.cleandoc(agree.__doc__ or ""),
        "internal": inspect.cleandoc(internal.__doc__ or ""),
        "quote": inspect.cleandoc(quote.__doc__ or ""),
    }


def describe_rules(rules: RuleSet) -> str:
    lines = ["Rules:"]
    for rule in rules.rules:
        scope = "any" if rule.about == "any" else ", ".join(rule.about)
        lines.append(
            f"  {rule.id:<24} {rule.severity:<8} {rule.kind}/{rule.value:<9} {rule.title}"
            f" (about: {scope})"
        )
    if rules.story_packs:
        lines.append("Story packs: " + ", ".join(sorted(rules.story_packs)))
    lines.append(f"Vocabulary: {plural(len(rules.vocabulary), 'synonym group')}")
    for kind, doc in kind_docs().items():
        lines.append("")
        lines.append(f"Kind `{kind}`")
        lines.extend(f"  {line}" if line else "" for line in doc.splitlines())
    return "\n".join(lines)
