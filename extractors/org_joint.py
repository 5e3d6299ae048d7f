"""Two bodies written back to back are two organisations (docs/annotation/entities.md §9 and decision 53):
中央纪委国家监委 is 中央纪委 and 国家监委, as 中办国办 is 中办 and 国办. The suffix rules read such a run as one
name (it ends in a body word); when the span is exactly two gazetteer bodies, one right after the other, it is
split into them, each with its own link. With a unit after them (中央纪委国家监委第四监督检查室) the span runs
on past the second body and stays one ORG, as the guideline says.
"""

from __future__ import annotations

from collections import defaultdict

from zhnews.extractors.entity_text import Ctx, GazHit
from zhnews.extractors.org_base import OrgCand


def split_joint_bodies(ctx: Ctx, orgs: list[OrgCand]) -> list[OrgCand]:
    """``orgs`` with every span that is exactly two listed bodies replaced by the two."""
    if len(ctx.orgs) < 2:
        return orgs
    starting: dict[int, list[GazHit]] = defaultdict(list)
    for hit in ctx.orgs:
        starting[hit.start].append(hit)
    out: list[OrgCand] = []
    for org in orgs:
        pair = _two_bodies(starting, org)
        if pair is None:
            out.append(org)
            continue
        out += [OrgCand(h.start, h.end, "org.gazetteer", 0.9, h.kb_id, h.canonical) for h in pair]
    return out


def _two_bodies(starting: dict[int, list[GazHit]], org: OrgCand) -> tuple[GazHit, GazHit] | None:
    for first in starting.get(org.start, ()):
        for second in starting.get(first.end, ()):
            if first.end < org.end and second.end == org.end:
                return first, second
    return None
