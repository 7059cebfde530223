# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Photography community."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="Shot my first roll of film in twenty years",
        body=(
            "<p>Found my father's old Pentax and shot a roll of Portra 400 over a weekend. "
            "36 frames, 11 I'm happy with, 3 completely black because I forgot to take the lens cap off. "
            "The colours are softer than anything my phone makes.</p>"
        ),
        tags=("film",),
        hours_ago=35,
        replies=(
            reply("Eleven keepers out of 36 is a great ratio for a first roll back."),
            reply(
                "Where did you get it developed? Labs near me have mostly closed.",
                reply("A small lab that does mail-in. About 15 euros with scans.", who="op"),
            ),
        ),
    ),
    DemoPost(
        title="Street photography and asking permission: where do you stand?",
        body=(
            "<p>I took a portrait of an old man feeding pigeons. He noticed, I showed him the photo, "
            "and he asked me to delete it. I did. Since then I've been wondering: do you ask first, "
            "ask after, or never?</p>"
        ),
        tags=("street", "portraits"),
        hours_ago=100,
        replies=(
            reply("Deleting it was the right call. If someone asks, I delete, no discussion."),
            reply(
                "The law differs a lot by country. In France, for example, publishing a recognisable "
                "person's photo usually needs consent, even in public.",
                reply("Good point. I had no idea it varied that much.", who="op"),
            ),
            reply(
                "I ask after when there's an obvious subject. Asking first kills the moment, asking after respects the person."
            ),
        ),
    ),
    DemoPost(
        title="The rule of thirds is a starting point, not a rule",
        body=(
            "<p>Hot take: the best photos I've made this year break the rule of thirds. A centred subject "
            "with strong symmetry, a horizon at the very bottom of the frame. Learn it, then learn "
            "when to ignore it.</p>"
        ),
        tags=("composition",),
        hours_ago=250,
        replies=(
            reply(
                "Symmetry and centring work great for architecture. For people, thirds still win more often for me."
            ),
            reply("Agreed. Wes Anderson built a career on centred compositions."),
        ),
    ),
    DemoPost(
        title="Editing: how far is too far?",
        body=(
            "<p>I removed a power line from a landscape shot and a friend said it's \"not a real photo "
            'anymore". Where do you draw the line between editing and manipulating?</p>'
        ),
        tags=("editing",),
        hours_ago=420,
        replies=(
            reply(
                "For journalism, nothing may be added or removed. For your own landscapes, do what you like, "
                "just don't pretend it's documentary.",
                reply(
                    "That's a fair distinction. It's going on my wall, not in a newspaper.",
                    who="op",
                ),
            ),
            reply("Darkroom printers dodged and burned for a century. Editing isn't new."),
        ),
    ),
    DemoPost(
        title="Golden hour portraits with a cheap reflector",
        body=(
            "<p>Took portraits of my sister an hour before sunset with the sun behind her and a "
            "15-euro foldable reflector bouncing light back into her face. No flash, no editing "
            "beyond a slight crop. The reflector is the best money I've spent on photography.</p>"
        ),
        tags=("portraits",),
        hours_ago=70,
        replies=(
            reply(
                "Gold or silver side?",
                reply("Silver. The gold one made her look sunburnt.", who="op"),
            ),
            reply(
                "Backlight plus reflector is the classic wedding photographer trick. Looks great."
            ),
        ),
    ),
]
