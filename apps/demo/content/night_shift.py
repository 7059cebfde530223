# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Night shift community (private)."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="How do you sleep after a twelve-hour night shift?",
        body=(
            "<p>Third year of nights as a nurse and I still sleep four hours at most when I get home. "
            "Blackout curtains help a bit. What's your routine?</p>"
        ),
        tags=("sleep", "night-work"),
        hours_ago=55,
        replies=(
            reply(
                "Sunglasses on the drive home. Morning light wakes the brain right up.",
                reply("Never thought of that. Trying it tomorrow.", who="op"),
            ),
            reply(
                "Same bedtime every day, even on days off. My family hates it, but I sleep seven hours."
            ),
        ),
    ),
    DemoPost(
        title="What do you eat at 3 a.m.?",
        body=(
            "<p>I bake bread for a living, so I start at 2. By 4 I'm starving and eat whatever is around, "
            "which is usually yesterday's croissants. Looking for better ideas.</p>"
        ),
        tags=("health",),
        hours_ago=210,
        replies=(
            reply(
                "A proper meal before the shift, then something small like soup or yoghurt in the middle."
            ),
            reply("A thermos of lentil soup. Warm, cheap, and it keeps me going until the end."),
        ),
    ),
]
