"""What a panel reads about a ranking: the whole-agenda suggestion in plain words (no solver's
names for it), and a leader's score as a percentage."""


def solution_words(solution) -> str:
    """What the whole-agenda suggestion is, in words a panel reads: no solver's names for it."""
    if solution is None:
        return ""
    what = (
        "Suggested for the whole agenda: the best set of matches we could find for the requests not yet "
        "decided, taken together, with each leader's days within what they have offered."
    )
    status, gap = solution.get("status"), solution.get("gap")
    if status == "OPTIMAL" or (gap is not None and gap <= 0):
        return what + " No other set of matches scores higher in total."
    if gap is not None and gap < 1:
        return what + f" It is within {max(gap * 100, 0.1):.1f}% of the best possible total."
    return what + " A better set may exist: the panel decides each request."


def percent(score) -> str:
    return "" if score is None else f"{round(float(score) * 100)}%"
