"""Values computed once per request: the memo dicts of the template helpers that
draw the same words, sentences and addresses many times on one page (issue 13)."""


def request_memo(context, attribute: str) -> dict:
    """The dict kept on the context's request under `attribute` (made on first use);
    without a request in the context, a new dict each time (nothing is kept)."""
    request = context.get("request")
    if request is None:
        return {}
    memo = getattr(request, attribute, None)
    if memo is None:
        memo = {}
        setattr(request, attribute, memo)
    return memo
