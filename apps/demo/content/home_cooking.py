# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Home cooking community (one in Spanish)."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="What went wrong with my banana bread? Raw in the middle, burnt on top",
        body=(
            "<p>Third attempt at banana bread, same result: the top is dark brown after 50 minutes and "
            "the middle is still wet. 180 °C, a glass loaf tin, three very ripe bananas.</p>"
            "<p>Should I lower the temperature or cover it?</p>"
        ),
        tags=("baking",),
        hours_ago=16,
        replies=(
            reply(
                "The glass tin is the likely culprit: glass heats slowly and then holds the heat, so the "
                "outside overcooks before the middle sets. Try a metal tin, or drop to 160 °C with glass.",
                reply(
                    "I had no idea the tin mattered that much. I'll borrow a metal one.", who="op"
                ),
            ),
            reply(
                "Cover it loosely with foil after 30 minutes. And check with a skewer: wet crumbs are fine, "
                "batter is not."
            ),
            reply(
                "Also, very ripe bananas add a lot of moisture. Measure them: about 350 g mashed is plenty for one loaf."
            ),
        ),
    ),
    DemoPost(
        title="Red lentil soup that costs about a euro a portion",
        body=(
            "<p>My weeknight standby, for four:</p>"
            "<ul><li>250 g red lentils, rinsed</li><li>1 onion, 2 carrots, 2 cloves garlic</li>"
            "<li>1 tsp cumin, 1 tsp paprika</li><li>1.2 litres stock</li><li>Lemon juice to finish</li></ul>"
            "<p>Soften the onion and carrots for ten minutes, add the spices for one, then the lentils and stock. "
            "Twenty minutes, blend half of it, lemon at the end. That's it.</p>"
        ),
        tags=("soups", "budget", "vegetarian"),
        hours_ago=60,
        replies=(
            reply(
                "Made this tonight. The lemon really does make it. Added a spoon of yoghurt on top."
            ),
            reply(
                "Try it with a spoon of harissa stirred in at the end, if you like heat.",
                reply("Ooh, I have some in the fridge. Next time!", who="op"),
            ),
        ),
    ),
    DemoPost(
        title="Mi primera focaccia: ¿por qué no tiene burbujas grandes?",
        body=(
            "<p>Seguí una receta con 75 % de hidratación y la dejé fermentar dos horas. Sabe bien, "
            "pero la miga es densa y sin los agujeros grandes de las fotos. ¿Qué hice mal?</p>"
        ),
        language="es",
        tags=("bread", "baking"),
        hours_ago=95,
        replies=(
            reply(
                "Dos horas es poco. Prueba a dejarla en la nevera toda la noche: la fermentación lenta "
                "da más sabor y burbujas más grandes.",
                reply("¡Gracias! Lo intentaré este fin de semana.", who="op"),
            ),
            reply(
                "Y no aplastes la masa al pasarla a la bandeja. Estírala con los dedos aceitados, con cuidado."
            ),
        ),
    ),
    DemoPost(
        title="Why you should brown onions for longer than the recipe says",
        body=(
            '<p>"Cook the onions until golden, about 5 minutes" is the most common lie in cookbooks. '
            "Properly soft, sweet, golden onions take 15 to 20 minutes on medium-low heat. Caramelised "
            'takes 45.</p><p>It\'s the <a href="https://en.wikipedia.org/wiki/Maillard_reaction">Maillard reaction</a> '
            "and plain caramelisation, and neither can be rushed.</p>"
        ),
        tags=("vegetarian",),
        hours_ago=200,
        replies=(
            reply("A pinch of salt at the start helps them release water and soften faster."),
            reply(
                "Some people add a pinch of baking soda to speed it up, but the texture goes mushy.",
                reply("Yes, fine for a soup base, not for anything where you want them to hold."),
            ),
        ),
    ),
    DemoPost(
        title="My grandmother's dumplings, finally written down",
        body=(
            "<p>She never measured anything, so I stood next to her with a scale last Sunday. For about 40:</p>"
            "<ol><li>300 g flour, 150 ml just-boiled water, mixed and rested 30 minutes</li>"
            "<li>Filling: 250 g cabbage salted and squeezed, 200 g minced pork, ginger, spring onion</li>"
            "<li>Roll thin at the edges, thicker in the middle</li><li>Pan-fry, then steam with a splash of water under a lid</li></ol>"
        ),
        tags=("baking",),
        hours_ago=350,
        replies=(
            reply(
                "Writing down a grandmother's recipe while she can still show you is the best thing. Lovely post."
            ),
            reply(
                "Hot water dough, yes! That's what makes them chewy instead of tough.",
                reply("She'd be happy to hear someone noticed.", who="op"),
            ),
        ),
    ),
]
