# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Book club community."""

from .spec import DemoPoll, DemoPost, reply

POSTS = [
    DemoPost(
        title="Monthly pick for next month: vote here",
        body=(
            "<p>Four books were nominated in last week's thread. Voting closes on Sunday; "
            "you can pick up to two.</p>"
        ),
        tags=("monthly-pick",),
        hours_ago=18,
        poll=DemoPoll(
            options=(
                "The Remains of the Day (Kazuo Ishiguro)",
                "Piranesi (Susanna Clarke)",
                "The Left Hand of Darkness (Ursula K. Le Guin)",
                "Educated (Tara Westover)",
            ),
            votes=(7, 9, 5, 4),
            multiple=True,
        ),
        replies=(
            reply(
                "Piranesi is short and strange and perfect for a group discussion. My vote's there."
            ),
            reply(
                "Please not another memoir, we did two in a row last spring.",
                reply("Fair, though Educated is very different from those two."),
            ),
        ),
    ),
    DemoPost(
        title="Finished The Remains of the Day and I can't stop thinking about the ending",
        body=(
            "<p>No spoilers in this post, but comments may have them. What got me is how much Stevens "
            "tells you without ever saying it. The whole book is about what he doesn't say.</p>"
        ),
        tags=("fiction",),
        hours_ago=66,
        replies=(
            reply(
                "The pier scene is one of the saddest passages I know. Ishiguro is a master of the unreliable narrator.",
                reply('Yes! And the way he talks about "bantering" right after. Heartbreaking.'),
            ),
            reply(
                "Watch the film afterwards, Anthony Hopkins is perfect, but read the book first, as you did."
            ),
        ),
    ),
    DemoPost(
        title="Reading poetry when you think you don't like poetry",
        body=(
            "<p>I avoided poetry since school. What changed it: reading one short poem a day, aloud, with "
            'my morning coffee, and not trying to "understand" it. I started with Mary Oliver and '
            "Wisława Szymborska (in translation).</p>"
        ),
        tags=("poetry", "translation"),
        hours_ago=170,
        replies=(
            reply("Reading aloud makes all the difference. Poems are meant to be heard."),
            reply(
                "Szymborska is a great choice, she's funny and clear. Which translation did you read?",
                reply(
                    "Clare Cavanagh and Stanisław Barańczak. It reads beautifully in English.",
                    who="op",
                ),
            ),
        ),
    ),
    DemoPost(
        title="Non-fiction that reads like a novel: recommendations?",
        body=(
            "<p>I loved <em>The Immortal Life of Henrietta Lacks</em> and <em>Say Nothing</em>. "
            "Looking for more narrative non-fiction, any subject.</p>"
        ),
        tags=("non-fiction",),
        hours_ago=290,
        replies=(
            reply(
                "<em>The Emperor of All Maladies</em>, a biography of cancer. Long but gripping."
            ),
            reply("<em>Bad Blood</em> by John Carreyrou, about Theranos. Reads like a thriller."),
            reply("<em>Into Thin Air</em>. I read it in two sittings."),
        ),
    ),
    DemoPost(
        title="Reading in translation: does it count as reading the book?",
        body=(
            '<p>A friend said I haven\'t "really" read <em>One Hundred Years of Solitude</em> because '
            "I read it in English. I think Gregory Rabassa's translation is a work of art in itself. "
            "Where do you stand?</p>"
        ),
        tags=("translation", "fiction"),
        hours_ago=120,
        replies=(
            reply(
                "García Márquez himself said he preferred Rabassa's English to his own Spanish. "
                "Your friend is wrong.",
                reply("I didn't know that! Perfect answer for next time.", who="op"),
            ),
            reply("It counts. Otherwise almost nobody has read Tolstoy."),
        ),
    ),
]
