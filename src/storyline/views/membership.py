"""Why an article is in its story, in words: the grouping decision (``model.Membership``) as sentences.

The terminal (`storyline explain`) prints these; the web UI (web/templates/membership.html) uses ``score_parts`` and
``NOT_RECORDED`` in its own sentences, which link the stories and articles they name.
"""

from __future__ import annotations

from ..model import Membership, StoryMatch

NOT_RECORDED = "Not recorded: this article was grouped before Storyline kept its grouping decisions."


def score_parts(m: StoryMatch) -> str:
    """"text 0.60, meaning 0.55, entities 0.80 (holt, quillon), within the story's dates"."""
    parts = [f"text {m.tfidf:.2f}"]
    if m.embedding is not None:
        parts.append(f"meaning {m.embedding:.2f}")
    shared = f" ({', '.join(m.shared_entities[:8])}{', …' if len(m.shared_entities) > 8 else ''})" if m.shared_entities else ""
    parts.append(f"entities {m.entities:.2f}{shared}")
    if m.time_gap_days is None:
        parts.append("dates not compared (one side undated)")
    elif m.time_gap_days == 0:
        parts.append("within the story's dates")
    else:
        parts.append(f"{m.time_gap_days:g} {'day' if m.time_gap_days == 1 else 'days'} outside the story's dates")
    return ", ".join(parts)


def membership_sentences(m: Membership | None, runner_up_title: str | None = None,
                         copy_of_title: str | None = None) -> list[str]:
    """The decision in sentences; ``*_title`` name the runner-up story and the original of a copy when known."""
    if m is None:
        return [NOT_RECORDED]
    if m.decision == "copy":
        original = f"{m.copy_of} ({copy_of_title})" if copy_of_title else str(m.copy_of)
        return [(f"A syndicated copy of article {original}: it goes wherever its original went, and counts as the "
                "same independent source.")]
    other = (f"{m.runner_up.story_id} ({runner_up_title})" if runner_up_title else m.runner_up.story_id) if m.runner_up else ""
    if m.decision == "joined" and m.match is not None:
        return [f"Joined with score {m.match.total:.2f} ≥ {m.threshold:g}: {score_parts(m.match)}.",
                f"Next best story: {other} with {m.runner_up.total:.2f}." if m.runner_up
                else "No other story was a candidate."]
    if m.runner_up:
        return [(f"Started this story: no stored story reached {m.threshold:g}; the best, {other}, scored "
                f"{m.runner_up.total:.2f} ({score_parts(m.runner_up)}).")]
    return ["Started this story: there was no story to compare it with."]
