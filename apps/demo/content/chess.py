# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Chess community."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="Lost to the London System five times this week. How do I meet it?",
        body=(
            "<p>Rated about 1300 online. Every second opponent plays 1.d4, 2.Bf4, 3.e3 and then the same "
            "setup whatever I do, and I end up passive and lose slowly. What's a simple plan for Black?</p>"
        ),
        tags=("openings",),
        hours_ago=14,
        replies=(
            reply(
                "Play ...c5 early and put pressure on d4 and b2. ...Qb6 hitting b2 is annoying for London players.",
                reply(
                    "Tried ...c5 and ...Qb6 tonight, won twice. They didn't like it at all.",
                    who="op",
                ),
            ),
            reply(
                "Don't copy their setup. The London is comfortable for White when Black is passive too."
            ),
        ),
    ),
    DemoPost(
        title="My first rated tournament: 2.5 out of 5 and a lot of nerves",
        body=(
            "<p>Played my first over-the-board tournament last weekend: five rounds, 60 minutes each. Won two, "
            "drew one, lost two. My hands were shaking in round one. Writing down every move slowed me down "
            "more than I expected.</p>"
        ),
        tags=("tournaments",),
        hours_ago=105,
        replies=(
            reply("Fifty percent in your first tournament is a great result. Congratulations!"),
            reply(
                "The nerves get better with every event. Did you go through your games afterwards?",
                reply(
                    "Yes, with a friend. I missed a mate in three in round four. Ouch.", who="op"
                ),
            ),
        ),
    ),
    DemoPost(
        title="King and pawn endgames: the opposition explained simply",
        body=(
            "<p>When kings face each other with one square between them, the player who does <em>not</em> "
            'have to move "has the opposition". In king and pawn endings, that one tempo often decides '
            "between a win and a draw. The "
            '<a href="https://lichess.org/practice">practice section on Lichess</a> drills it well.</p>'
        ),
        tags=("endgames",),
        hours_ago=280,
        replies=(
            reply(
                "This was the single most useful endgame idea I learned. It comes up constantly."
            ),
            reply('Next step is the "key squares" idea. Together they cover most pawn endings.'),
        ),
    ),
    DemoPost(
        title="Lost a won game to a back-rank mate. Again.",
        body=(
            "<p>Two pawns up in the last round. My king on g8 behind its pawns on f7, g7 and h7, my rook "
            "off chasing a pawn on the queenside. My opponent played Re8+ and that was mate: the king "
            "had no square and nothing could block.</p>"
            "<p>How do you train yourself to see this before it happens?</p>"
        ),
        tags=("puzzles", "tournaments"),
        hours_ago=60,
        replies=(
            reply(
                'Make "luft" when you have a quiet move: h6 or g6 gives the king a square. '
                "Then the back rank stops being a threat.",
                reply("Luft. I'll remember that word forever now.", who="op"),
            ),
            reply(
                "Before every move, ask what checks your opponent has. Every check, every time. "
                "It's slow at first, then it becomes a habit."
            ),
        ),
    ),
    DemoPost(
        title="Rapid or classical: which one improves you faster?",
        body=(
            "<p>I play ten 5-minute games a day online and my rating is stuck. A coach told me to play "
            "two long games a week instead and analyse each one. Has anyone made that switch?</p>"
        ),
        tags=("tournaments",),
        hours_ago=200,
        replies=(
            reply(
                "Yes. Fewer, longer games plus going through them without an engine first "
                "gave me 150 points in six months. Blitz mostly trained my bad habits."
            ),
            reply("Blitz is fun, and that matters too. Just don't expect it to teach you."),
        ),
    ),
]
