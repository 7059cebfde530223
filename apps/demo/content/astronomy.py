# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Astronomy community (one in French)."""

from .spec import DemoImage, DemoPost, reply

POSTS = [
    DemoPost(
        title="Saturn's rings through a 70 mm refractor: my daughter screamed",
        body=(
            "<p>Our first clear night with the little telescope we got second-hand. At 100× Saturn was "
            "tiny but the rings were unmistakable, and you could even see Titan next to it. "
            "My seven-year-old screamed loud enough to wake the neighbours.</p>"
        ),
        tags=("planets", "telescopes"),
        hours_ago=25,
        replies=(
            reply(
                "That moment never gets old. I still remember my first Saturn, thirty years ago."
            ),
            reply(
                "Next up: Jupiter's moons. Watch them on two nights in a row and she'll see that they move.",
                reply("Great idea, she'll love keeping a drawing of their positions.", who="op"),
            ),
        ),
    ),
    DemoPost(
        title="Dark skies from a city balcony? A light pollution map check",
        body=(
            "<p>I measured sky brightness with a cheap meter from my balcony and from a field 40 km away. "
            "The difference is humbling.</p>{image}"
            '<p>The <a href="https://www.lightpollutionmap.info/">light pollution map</a> matched my readings '
            "within half a magnitude.</p>"
        ),
        tags=("telescopes",),
        hours_ago=75,
        image=DemoImage(
            kind="night-sky",
            alt="Drawing of a night sky over a dark hillside: a gradient from deep blue to black, "
            "scattered stars and a crescent moon.",
        ),
        replies=(
            reply(
                "What reading did you get in the field?",
                reply("21.3 mag/arcsec². The balcony was 18.1.", who="op"),
            ),
            reply(
                "Even from the city, the Moon and planets are great. Don't let the numbers discourage you."
            ),
        ),
    ),
    DemoPost(
        title="Perseids tonight: where to look and when",
        body=(
            "<p>The peak is tonight. Best after midnight, when the radiant in Perseus is high in the north-east. "
            "No telescope needed: lie down, let your eyes adapt for 20 minutes, and look about halfway up "
            "the sky, not straight at the radiant.</p>"
        ),
        tags=("meteors",),
        hours_ago=150,
        replies=(
            reply("Counted 41 in an hour from the countryside. Two bright fireballs!"),
            reply(
                "Clouded out here, as every year. I'll try tomorrow night, rates are still decent."
            ),
            reply(
                "Tip for others: turn your phone to red-light mode or your eyes reset every time you check it."
            ),
        ),
    ),
    DemoPost(
        title="Première photo de la Lune au smartphone, à travers l'oculaire",
        body=(
            "<p>J'ai tenu mon téléphone contre l'oculaire d'un Dobson de 150 mm, et le résultat m'a surpris : "
            "on voit nettement les cratères le long du terminateur. Astuce : baisser l'exposition au maximum, "
            "sinon la Lune est toute blanche.</p>"
        ),
        language="fr",
        tags=("moon", "astrophotography"),
        hours_ago=220,
        replies=(
            reply(
                "Un support pour smartphone coûte une quinzaine d'euros et change tout. Plus besoin de trembler !"
            ),
            reply(
                "Bravo ! Essaie aussi de filmer une vidéo et d'empiler les meilleures images avec un logiciel gratuit.",
                reply(
                    "Lequel conseilles-tu ?",
                    reply(
                        "AutoStakkert pour l'empilement, puis un peu de netteté dans RegiStax.",
                        who="a",
                    ),
                    who="op",
                ),
                who="a",
            ),
        ),
    ),
    DemoPost(
        title="Collimating a Newtonian for the first time: it's not that scary",
        body=(
            "<p>My stars looked like comets, so I finally collimated the 8-inch Dobsonian. With a simple "
            "collimation cap it took 20 minutes, most of it reading instructions. The secondary was fine; "
            "the primary was way off, probably from moving the scope in the car.</p>"
        ),
        tags=("telescopes",),
        hours_ago=380,
        replies=(
            reply(
                "Do a star test afterwards: defocus a bright star and check the rings are concentric."
            ),
            reply(
                "Marking the centre of the primary was the hardest part for me. Did yours come marked?",
                reply("Yes, luckily. A small ring sticker.", who="op"),
            ),
        ),
    ),
]
