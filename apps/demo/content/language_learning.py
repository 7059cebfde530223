# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Language learning community: multilingual, each post and
reply with its own language."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="Six months of Spanish: progress report",
        body=(
            '<p>Six months ago I knew "hola" and "cerveza". Today I can follow a slow podcast and '
            "hold a 20-minute conversation with my exchange partner. What worked:</p>"
            "<ul><li>20 minutes of flashcards every day, never skipped</li>"
            "<li>One hour of conversation a week on video</li>"
            '<li><a href="https://www.rtve.es/play/">RTVE Play</a> series with Spanish subtitles</li></ul>'
        ),
        tags=("spanish", "vocabulary"),
        hours_ago=28,
        replies=(
            reply(
                "¡Enhorabuena! Se nota el progreso. ¿Qué serie te ha gustado más?",
                reply('¡Gracias! "El Ministerio del Tiempo", sin duda.', language="es", who="op"),
                language="es",
            ),
            reply(
                "The daily habit is everything. Twenty minutes every day beats three hours on Sunday."
            ),
        ),
    ),
    DemoPost(
        title="¿Cómo practicáis la pronunciación de la erre?",
        body=(
            '<p>Llevo dos años estudiando español y todavía no me sale la erre fuerte de "perro" o "carro". '
            "¿Algún ejercicio que os haya funcionado?</p>"
        ),
        language="es",
        tags=("spanish",),
        hours_ago=85,
        replies=(
            reply(
                'Prueba a decir "tr" muy rápido y muchas veces: "tres, tres, tres". La lengua aprende '
                "la posición y luego puedes quitar la t.",
                reply("¡Funciona! Todavía no es perfecta, pero ya vibra un poco.", who="op"),
            ),
            reply(
                'A mí me ayudó repetir "erre con erre cigarro" cada mañana durante semanas. Paciencia.'
            ),
        ),
    ),
    DemoPost(
        title="Apprendre l'allemand après le français : les pièges",
        body=(
            "<p>Je suis francophone et j'apprends l'allemand depuis un an. Ce qui me pose le plus de problèmes :</p>"
            "<ol><li>le verbe à la fin de la subordonnée</li><li>les trois genres (die Sonne, der Mond : l'inverse du français !)</li>"
            "<li>les déclinaisons</li></ol><p>Des conseils de ceux qui sont passés par là ?</p>"
        ),
        language="fr",
        tags=("grammar",),
        hours_ago=130,
        replies=(
            reply(
                "Apprends chaque nom avec son article, toujours. « der Tisch », jamais « Tisch » seul."
            ),
            reply(
                "Für den Satzbau hilft es, viele kurze Sätze laut zu lesen. Irgendwann klingt das Verb am Ende einfach richtig.",
                reply("Merci ! Enfin, danke schön. Je vais essayer.", language="fr", who="op"),
                language="de",
            ),
        ),
    ),
    DemoPost(
        title="Deutsch lernen mit Podcasts: meine Liste",
        body=(
            "<p>Für alle, die Deutsch auf B1-Niveau lernen, hier meine Lieblingspodcasts:</p>"
            '<ul><li>"Slow German" – langsam und klar gesprochen</li>'
            '<li>"Nachrichten in langsamem Deutsch" von der '
            '<a href="https://www.dw.com/de/deutsch-lernen/s-2055">Deutschen Welle</a></li>'
            '<li>"Easy German" – echte Gespräche auf der Straße</li></ul>'
        ),
        language="de",
        tags=("vocabulary",),
        hours_ago=240,
        replies=(
            reply("Easy German ist super, weil man echte Umgangssprache hört."),
            reply("Thanks for the list! The DW news is exactly my level.", language="en"),
        ),
    ),
    DemoPost(
        title="Learning Arabic script: two weeks in",
        body=(
            "<p>Two weeks into Arabic and I can read the alphabet slowly. The hardest part is that letters "
            "change shape depending on their position in the word. I practise by reading shop signs in "
            "photos: مخبز (bakery) was my first whole word!</p>"
        ),
        tags=("arabic",),
        hours_ago=360,
        replies=(
            reply(
                "Reading signs is a great idea. Next: try children's books, the vowels are written in."
            ),
            reply("رائع! Keep going, it gets faster after a month.", reply("شكرا! Thank you!")),
        ),
    ),
]
