# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Cycling community (one in German)."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="Winter commuting: how do you keep your hands warm?",
        body=(
            "<p>Twelve kilometres each way, and below zero in the mornings now. My feet are fine with wool "
            "socks but my fingers are numb after ten minutes, even with ski gloves.</p>"
        ),
        tags=("commuting",),
        hours_ago=8,
        replies=(
            reply(
                "Bar mitts (pogies). They look silly and they are the best twenty euros I ever spent. "
                "I ride with thin gloves inside them down to minus ten.",
                reply("Seconding pogies. Also great in the rain."),
            ),
            reply("Lobster gloves: two fingers together stay much warmer than five separate ones."),
            reply(
                "Keep your core warm too. Cold hands are often the body saving heat for the torso."
            ),
        ),
    ),
    DemoPost(
        title="First overnight tour: 140 km along the canal and a night in a field",
        body=(
            "<p>Did my first bikepacking trip last weekend. Day one was 80 km of flat towpath, day two 60 km "
            "with a headwind the whole way. Camped at a farm that lets cyclists stay for free.</p>"
            "<ul><li>Packed too much food, not enough water</li><li>A seat bag sways less than panniers on gravel</li>"
            "<li>Earplugs: cows are loud at 5 a.m.</li></ul>"
        ),
        tags=("touring", "routes"),
        hours_ago=50,
        replies=(
            reply(
                "The cows line made me laugh. Which canal was it?",
                reply("The Canal du Midi, from Toulouse towards Carcassonne.", who="op"),
            ),
            reply(
                "Farm camping is the best. Did you ask in advance or just turn up?",
                reply("Asked by phone the day before. They were lovely.", who="op"),
            ),
        ),
    ),
    DemoPost(
        title="Tubeless on a gravel bike: worth the mess?",
        body=(
            "<p>I've had three flats in a month from thorns on the gravel roads near me. Everyone says "
            "go tubeless. Everyone also has a story about sealant on the ceiling. Convince me.</p>"
        ),
        tags=("gravel", "repairs"),
        hours_ago=120,
        replies=(
            reply(
                "Thorns are exactly what tubeless fixes. I haven't stopped for a puncture in two years. "
                "The mess is only at setup, and only the first time.",
                reply("And top up the sealant every three months or so; it dries out."),
            ),
            reply("Carry a plug kit anyway. Sealant won't close a big cut, a plug will."),
        ),
    ),
    DemoPost(
        title="Kette quietscht nach Regenfahrt – was nehmt ihr?",
        body=(
            "<p>Nach jeder Fahrt im Regen quietscht meine Kette am nächsten Tag. Ich wische sie ab und öle "
            "sie mit einem Universalöl. Reicht das, oder brauche ich ein spezielles Nass-Schmiermittel?</p>"
        ),
        language="de",
        tags=("repairs",),
        hours_ago=180,
        replies=(
            reply(
                'Universalöl ist zu dünn, das wäscht der Regen sofort aus. Ein Nassschmierstoff ("wet lube") '
                "hält deutlich länger. Nach dem Ölen überschüssiges Öl abwischen, sonst sammelt sich Dreck.",
                reply("Danke! Dann probiere ich das mal aus.", who="op"),
            ),
            reply(
                "Wichtig: die Kette vorher richtig trocknen lassen. Öl auf nasser Kette bringt wenig."
            ),
        ),
    ),
    DemoPost(
        title="Cargo bike after one year: we sold the second car",
        body=(
            "<p>A year ago we bought a long-tail cargo bike to see if we could do school runs and shopping "
            "without the second car. We sold the car in March. Two kids, 4 km to school, "
            "one big shop a week.</p><p>The only days we missed the car: two snowstorms. "
            "Happy to answer questions.</p>"
        ),
        tags=("commuting",),
        hours_ago=300,
        replies=(
            reply(
                "Electric assist or not?",
                reply(
                    "Electric. With two kids on the back and a hill on the way home, no question.",
                    who="op",
                ),
            ),
            reply(
                "Where do you park it? That's what stops us; we live in a flat.",
                reply(
                    "A ground-floor bike room, luckily. I know that's the hard part for many.",
                    who="op",
                ),
            ),
            reply("Love this. The numbers on the car costs would be interesting too."),
        ),
    ),
]
