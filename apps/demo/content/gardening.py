# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Gardening community."""

from .spec import DemoImage, DemoPoll, DemoPost, reply

# Posts seed_moderation acts on: a shop's advert (reported, then removed), bad
# advice (reported, with a rude reply that is reported too) and a seed swap
# (reported by someone unsure, the report dismissed).
ADVERT_TITLE = "Heirloom seed sale: 50% off everything this week only"
BAD_ADVICE_TITLE = "Diesel kills weeds better than anything, and it's cheap"
RUDE_REPLY = "If you can't keep a few weeds down, maybe gardening just isn't for you."
SWAP_TITLE = "Seed swap at the community garden on Saturday"

POSTS = [
    DemoPost(
        title="My tomato leaves are curling upwards: should I worry?",
        body=(
            "<p>Two weeks of heat (32 °C in the afternoons) and the leaves on my four tomato plants "
            "have started rolling up lengthwise. The plants look healthy otherwise: new flowers, no spots, "
            "fruit setting fine. They are in 30-litre pots on a south-facing patio.</p>"
            "<p>Is this a disease or just the heat? I water every evening.</p>"
        ),
        tags=("tomatoes", "pests"),
        hours_ago=20,
        replies=(
            reply(
                "That sounds like physiological leaf roll: the plant protects itself from heat and strong sun. "
                "If the new growth is normal and there are no yellow patches, it's harmless.",
                reply("Thank you, that's a relief. The top leaves do look normal.", who="op"),
                reply(
                    "Agreed. Mine do it every July and still give kilos of fruit. "
                    "Watering in the morning instead of the evening helped a bit."
                ),
            ),
            reply(
                "Check the undersides for tiny insects before you relax completely: "
                "broad mites can cause curling too, though it's usually twisted rather than rolled."
            ),
        ),
    ),
    DemoPost(
        title="Three years of composting on a balcony: what actually works",
        body=(
            "<p>People keep asking how I compost with no garden, so here is what three years taught me.</p>"
            "<ul><li><strong>A worm bin, not a heap.</strong> 40 litres, kept in the shade, no smell if you "
            "don't overfeed.</li><li><strong>Cardboard is the secret ingredient.</strong> Half of what goes in is "
            "torn egg boxes.</li><li><strong>No citrus, no onion, no cooked food.</strong> The worms sulk.</li></ul>"
            "<p>I harvest about 15 litres of worm compost twice a year, enough for every pot on the balcony. "
            'The <a href="https://en.wikipedia.org/wiki/Vermicompost">Wikipedia page on vermicompost</a> '
            "is a good start.</p>"
        ),
        tags=("composting", "balcony"),
        hours_ago=70,
        replies=(
            reply(
                "How do you get the worms out when you harvest?",
                reply(
                    "I put fresh food on one side only for a month. They all move over, "
                    "and I scoop the finished side.",
                    who="op",
                ),
            ),
            reply("Does it attract fruit flies? That's what stopped me last time."),
            reply(
                "Great write-up. The cardboard tip is underrated: without it my bin turned into soup.",
                reply("Exactly what happened to my first bin too!"),
            ),
        ),
    ),
    DemoPost(
        title="This year's harvest in one chart",
        body=(
            "<p>I weighed everything that came off my two raised beds this year. "
            "Courgettes won by a mile, as they always do.</p>{image}"
            "<p>Next year I'll give the beans more room: they were shaded by the courgettes from July.</p>"
        ),
        tags=("seeds",),
        hours_ago=110,
        image=DemoImage(
            kind="harvest-chart",
            alt="Bar chart of the year's harvest in kilograms: courgettes 14, tomatoes 9, "
            "beans 4, potatoes 6, lettuce 2.",
        ),
        replies=(
            reply(
                "Fourteen kilos of courgettes from one bed! What did you do with them all?",
                reply("Soup, fritters, and a lot of giving away to neighbours.", who="op"),
            ),
            reply("I love that you weighed everything. Might try that next season."),
        ),
    ),
    DemoPost(
        title="Which herb do you always grow, whatever the space?",
        body=(
            "<p>Planning the windowsill for spring. If you could only grow one herb, which would it be? "
            "Vote below and say why in the comments.</p>"
        ),
        tags=("herbs",),
        hours_ago=30,
        poll=DemoPoll(
            options=("Basil", "Parsley", "Mint", "Chives", "Thyme"),
            votes=(9, 4, 6, 3, 5),
        ),
        replies=(
            reply(
                "Mint, but always in its own pot. I learned that the hard way when it ate a whole bed.",
                reply("Ha, same. It came up through the paving stones the year after."),
            ),
            reply("Chives: they come back every year and the flowers are edible."),
            reply("Thyme. It forgives me when I forget to water for two weeks."),
        ),
    ),
    DemoPost(
        title="Slugs ate every lettuce seedling overnight",
        body=(
            "<p>Planted out 24 lettuce seedlings on Saturday. Sunday morning: 3 left, and a lot of silver trails. "
            "I don't want to use pellets because of the hedgehogs that visit.</p>"
            "<p>What works for you?</p>"
        ),
        tags=("pests",),
        hours_ago=160,
        replies=(
            reply(
                "Go out with a torch after dark for a few evenings and pick them off. "
                "It's grim but it works better than anything else I've tried."
            ),
            reply(
                "Grow the seedlings bigger before planting out. Slugs go for the tender ones; "
                "a lettuce with six real leaves usually survives.",
                reply("Good point, mine only had two or three leaves.", who="op"),
            ),
            reply("Copper tape around the raised bed worked for me, but not in open ground."),
        ),
    ),
    DemoPost(
        title="When do you sow chillies in a cold climate?",
        body=(
            "<p>I'm in southern Sweden. Last year I sowed chillies in April and got exactly four peppers "
            "before the first frost. Is January too early if I have a grow light?</p>"
        ),
        tags=("seeds",),
        hours_ago=260,
        replies=(
            reply(
                "January is fine with a light. I sow in late January in Denmark and the plants "
                "are flowering by May. Keep them warm for germination, 25 °C or so.",
                reply("Thanks! I'll get a heat mat too.", who="op"),
            ),
            reply(
                "Also pick a short-season variety. Habaneros will never ripen up north, jalapeños might."
            ),
        ),
    ),
    DemoPost(
        title="Garlic planted: see you in July",
        body=(
            "<p>Sixty cloves of 'Germidour' in the ground this weekend, 15 cm apart, pointy end up. "
            "Mulched with straw. Now the hardest part: waiting nine months.</p>"
        ),
        tags=("seeds",),
        hours_ago=400,
        replies=(
            reply("Sixty! You're going to have a very garlicky summer."),
            reply(
                "Don't forget to cut the flower stalks in June if it's a hardneck variety: "
                "bigger bulbs, and the scapes are delicious in pesto."
            ),
        ),
    ),
    DemoPost(
        title=ADVERT_TITLE,
        reception=0.1,
        body=(
            "<p>Over 300 heirloom varieties, organic, fast shipping! Use code GARDEN50 at checkout. "
            '<a href="https://seeds.example.com/sale">Shop now</a> before stock runs out!!!</p>'
        ),
        tags=("seeds",),
        hours_ago=6,
    ),
    DemoPost(
        title=BAD_ADVICE_TITLE,
        reception=0.1,
        body=(
            "<p>Forget weeding by hand. Pour a bit of diesel on the paths and the weeds are gone for the "
            "whole season. Costs next to nothing.</p>"
        ),
        tags=("pests",),
        hours_ago=34,
        replies=(
            reply(
                "Please don't. Diesel poisons the soil and runs off into the groundwater, and in many "
                "countries it's illegal to use it this way. Boiling water works on paths."
            ),
            reply(RUDE_REPLY),
            reply(
                "A thick layer of wood chips on the paths keeps weeds down for a year, no chemicals."
            ),
        ),
    ),
    DemoPost(
        title=SWAP_TITLE,
        body=(
            "<p>Bring the seeds you saved, take the ones you need. Saturday 10:00 to 13:00 at the community "
            "garden shed. No money changes hands: it's a swap. Tomatoes, beans and squash especially welcome.</p>"
        ),
        tags=("seeds",),
        hours_ago=90,
        replies=(
            reply("I'll bring Sungold tomato and borlotti bean seeds. See you there!"),
            reply(
                "Is there parking nearby?",
                reply("A few spaces by the gate, and the tram stops right outside.", who="op"),
            ),
        ),
    ),
]
