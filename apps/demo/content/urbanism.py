# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Urbanism community, with the demo's one long argument
(a thread ten replies deep, to show deep nesting)."""

from .spec import DemoPost, reply

# A back-and-forth between two members, each line answering the one before.
_ARGUMENT = [
    "Protected bike lanes on the high street will kill the shops. People arrive by car.",
    "Do they, though? Most surveys find shop owners overestimate how many customers drive.",
    "Which surveys? Our street isn't Amsterdam.",
    "The one in Toronto's Bloor Street is the classic: spending went up after the bike lanes went in.",
    "One street in Toronto isn't proof for ours.",
    "Fair. But it's more than the zero studies showing shops closing because of a bike lane.",
    "Our council could run a trial, then. Temporary lane for six months, count footfall before and after.",
    "That's exactly what they did in my town. Footfall up 8 %, and the lane stayed.",
    "OK, I'd support a trial with real counts. That's reasonable.",
    "Then we agree on the important part. I'll bring it up at the next council meeting.",
]


def _chain(lines, step=0):
    """Each line answers the one before: a sceptic ("a") and the post's author take turns."""
    head, *rest = lines
    who = "a" if step % 2 == 0 else "op"
    return reply(head, _chain(rest, step + 1), who=who) if rest else reply(head, who=who)


POSTS = [
    DemoPost(
        title="Our council wants a protected bike lane on the high street. Shop owners are furious",
        body=(
            "<p>The plan removes 40 parking spaces to make a two-way protected lane. The shopkeepers' "
            "association says it will ruin them. I ride there every day and would love the lane, but "
            "I also don't want my favourite bakery to close. What does the evidence say?</p>"
        ),
        tags=("bike-lanes",),
        hours_ago=22,
        replies=(
            _chain(_ARGUMENT),
            reply(
                "Ask the council for the parking occupancy data. In our town, those 40 spaces were 60 % empty on weekdays."
            ),
        ),
    ),
    DemoPost(
        title="Why do new tram lines take a decade to build?",
        body=(
            "<p>Our city announced a 7 km tram line in 2019. Opening date now: 2031. Spain and France seem "
            "to build them in three or four years. Is it money, planning law, or something else?</p>"
        ),
        tags=("trams",),
        hours_ago=80,
        replies=(
            reply(
                "Mostly process: years of consultations, legal challenges, and moving underground utilities nobody mapped properly.",
                reply(
                    "The utilities part is underrated. Every street is a surprise when you dig it up."
                ),
            ),
            reply(
                "France keeps permanent in-house teams that build one line after another. Expertise stays; costs fall."
            ),
        ),
    ),
    DemoPost(
        title="A 15-minute walk map of my neighbourhood",
        body=(
            "<p>I mapped what I can reach on foot in 15 minutes using "
            '<a href="https://www.openstreetmap.org/">OpenStreetMap</a> data: two supermarkets, a GP, '
            "three schools, a library, but no post office and no pharmacy. Surprisingly good for a suburb.</p>"
        ),
        tags=("walkability",),
        hours_ago=190,
        replies=(
            reply(
                "Which tool did you use for the isochrone?",
                reply("openrouteservice, the free tier is enough.", who="op"),
            ),
            reply(
                "No pharmacy within 15 minutes is a real problem for older residents. Worth raising with the council."
            ),
        ),
    ),
    DemoPost(
        title="Night trains are back. Are they worth it?",
        body=(
            "<p>Took the night train from Vienna to Brussels. 14 hours, a couchette with five strangers, "
            "woke up in the city centre. Slower than flying, but I lost no working day and slept "
            "(badly). Would you do it?</p>"
        ),
        tags=("trains",),
        hours_ago=310,
        replies=(
            reply(
                "Booked a private compartment last year: more expensive, but with a real bed it's wonderful."
            ),
            reply(
                "I love them, but they are too often cancelled at short notice. Reliability is the problem now."
            ),
        ),
    ),
    DemoPost(
        title="Our street got a school street: cars banned at drop-off time",
        body=(
            "<p>Since September the street in front of our primary school is closed to cars from 8:15 "
            "to 8:45 and 15:00 to 15:30. Half the parents complained in the first week. Now most "
            "kids walk or scoot the last few hundred metres and the air at the gate is noticeably "
            "better.</p>"
        ),
        tags=("walkability",),
        hours_ago=140,
        replies=(
            reply(
                "How is it enforced? Ours has a sign that everyone ignores.",
                reply("Volunteers with a barrier for the first month, then a camera.", who="op"),
            ),
            reply("The complaints always stop after a few weeks. Nobody wants to go back."),
        ),
    ),
]
