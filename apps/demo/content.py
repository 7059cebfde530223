# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Words for the demo data set (seed_content): communities with real-looking
descriptions and rules, and the pieces posts are assembled from.

Each community has title patterns with slots ({a}, {b}) filled from its own
word lists, a pool of sentences for paragraphs, list items, a quote, links
and, for the technical ones, code. Demo data is not translated on purpose:
it is content written by (pretend) members, like any post.
"""

from typing import NotRequired, TypedDict


class CommunitySpec(TypedDict):
    """One demo community: its fields, and the words its posts are made of."""

    slug: str
    name: str
    owner: str  # username of a seed_members account
    description: str
    rules: str  # one rule a line
    tags: list[str]
    titles: list[str]  # patterns with {a}, {b} and {c} slots
    a: list[str]
    b: list[str]
    c: list[str]
    sentences: list[str]
    items: list[str]
    quote: str
    links: list[str]
    visibility: NotRequired[str]  # a Visibility value; public when missing
    code: NotRequired[list[str]]


COMMUNITIES: list[CommunitySpec] = [
    {
        "slug": "gardening",
        "name": "Gardening",
        "owner": "alice",
        "description": (
            "Vegetables, herbs, flowers and the occasional disaster. Balconies, allotments "
            "and back gardens all welcome. Share what worked, what didn't, and what the "
            "slugs ate this week."
        ),
        "rules": (
            "Be kind to beginners: everyone killed a basil plant once.\n"
            "Say where you garden (climate or region) when asking for advice.\n"
            "No selling seeds or plants without the moderators' OK.\n"
            "Photos of pests are fine; photos of pesticides with brand names are not."
        ),
        "tags": ["tomatoes", "composting", "herbs", "balcony", "seeds", "pests"],
        "titles": [
            "How do you grow {a} on a {b}?",
            "First year growing {a}: what I learned",
            "Is it too late to plant {a} in {c}?",
            "My {a} have yellow leaves, help",
            "Cheap tricks for {a} on a {b}",
            "{c} checklist for a small {b}",
        ],
        "a": [
            "tomatoes",
            "chillies",
            "basil",
            "strawberries",
            "garlic",
            "lettuce",
            "beans",
            "courgettes",
            "potatoes",
            "sunflowers",
        ],
        "b": [
            "balcony",
            "north-facing windowsill",
            "tiny allotment",
            "rooftop",
            "clay soil bed",
            "raised bed",
        ],
        "c": ["March", "April", "May", "late summer", "autumn", "winter"],
        "sentences": [
            "I started everything from seed on the windowsill and moved the pots out once the nights stayed above ten degrees.",
            "Watering in the morning instead of the evening made a bigger difference than any fertilizer I tried.",
            "The slugs found the lettuce within two days, so I switched to copper tape and a beer trap.",
            "A layer of straw mulch kept the soil moist through the heatwave.",
            "Half the seedlings got leggy because the light was too weak; a cheap LED strip fixed it.",
            "Companion planting with marigolds seemed to keep the whitefly away, though I can't prove it.",
            "The compost was ready after about nine months of turning it every couple of weeks.",
            "If I did it again I would space the plants twice as far apart.",
        ],
        "items": [
            "Soak the seeds overnight",
            "Use a free-draining mix",
            "Harden off for a week",
            "Pinch out the side shoots",
            "Feed every two weeks once flowers appear",
            "Keep a notebook of sowing dates",
        ],
        "quote": "The best time to plant a tree was twenty years ago. The second best time is now.",
        "links": [
            "https://www.rhs.org.uk/advice",
            "https://en.wikipedia.org/wiki/Companion_planting",
        ],
    },
    {
        "slug": "python",
        "name": "Python",
        "owner": "bruno",
        "description": (
            "The Python language, its standard library and its ecosystem. Questions from "
            "beginners and deep dives into the interpreter are equally welcome."
        ),
        "rules": (
            "Post code as text in a code block, never as a screenshot.\n"
            "Include the Python version and the full traceback when asking for help.\n"
            "No homework dumps: show what you tried.\n"
            "Job posts go in the monthly thread."
        ),
        "tags": ["python", "asyncio", "typing", "packaging", "performance", "django"],
        "titles": [
            "Why is {a} slower than I expected with {b}?",
            "TIL: {a} has a hidden gem for {b}",
            "How do you structure {b} in a large codebase?",
            "{a} vs a plain loop for {b}: benchmarks inside",
            "Moving our {b} to {a}: a write-up",
            "Confused about {a} and {b}",
        ],
        "a": [
            "dataclasses",
            "asyncio",
            "functools.cache",
            "pathlib",
            "itertools",
            "the walrus operator",
            "typing.Protocol",
            "contextlib",
            "structural pattern matching",
            "generators",
        ],
        "b": [
            "CSV parsing",
            "a CLI tool",
            "web scraping",
            "background jobs",
            "config files",
            "unit tests",
            "data pipelines",
            "logging",
        ],
        "c": ["3.12", "3.13"],
        "sentences": [
            "I profiled it with cProfile and most of the time goes into attribute lookups in the inner loop.",
            "The docs mention this in a footnote, which is probably why nobody on my team knew about it.",
            "Switching to a generator kept memory flat even with a ten gigabyte input file.",
            "Type checkers catch this at review time, long before it breaks in production.",
            "The standard library already covers this; no extra dependency needed.",
            "I'd love to hear how others handle this in bigger projects.",
            "Readability beats cleverness here: the next person to read this will be you in six months.",
        ],
        "items": [
            "Measure before optimising",
            "Pin your dependencies",
            "Prefer pathlib over os.path",
            "Write the test first",
            "Use a virtual environment per project",
            "Read the traceback from the bottom",
        ],
        "quote": "Simple is better than complex. Complex is better than complicated.",
        "links": [
            "https://docs.python.org/3/library/itertools.html",
            "https://peps.python.org/pep-0008/",
        ],
        "code": [
            "from functools import cache\n\n@cache\ndef fib(n: int) -> int:\n    return n if n < 2 else fib(n - 1) + fib(n - 2)",
            'with open(path, encoding="utf-8") as handle:\n    for line in handle:\n        process(line.rstrip())',
            'match command.split():\n    case ["go", direction]:\n        move(direction)\n    case _:\n        print("What?")',
        ],
    },
    {
        "slug": "cycling",
        "name": "Cycling",
        "owner": "chiara3",
        "description": (
            "Commuting, touring, racing and fixing bikes. Routes, kit and the eternal "
            "question of how many bikes is enough (answer: one more)."
        ),
        "rules": (
            "Helmet debates live in the pinned thread only.\n"
            "Credit the author when sharing someone else's route.\n"
            "No buying or selling stolen parts; we report them.\n"
            "Be civil about drivers, pedestrians and other cyclists."
        ),
        "tags": ["commuting", "touring", "repairs", "gravel", "routes"],
        "titles": [
            "{a} on a {b}: worth it?",
            "My first {c} with a {b}",
            "How do you deal with {a} on a daily commute?",
            "Best way to fix {a} at the roadside",
            "Weekend report: {c} in the rain",
        ],
        "a": [
            "headwinds",
            "flat tyres",
            "a squeaky chain",
            "night riding",
            "cold hands",
            "hills",
            "panniers",
            "tubeless tyres",
        ],
        "b": ["steel tourer", "folding bike", "gravel bike", "cargo bike", "second-hand road bike"],
        "c": ["century ride", "overnight tour", "mountain pass", "canal path loop", "club ride"],
        "sentences": [
            "I carry a spare tube, two tyre levers and a mini pump, and that has covered every breakdown so far.",
            "The first twenty kilometres felt easy; the last ten were pure stubbornness.",
            "Lower tyre pressure made the gravel sections far more comfortable.",
            "Fenders are not glamorous but they saved my back on every wet commute.",
            "The bike shop charged less for the service than I expected and explained everything.",
            "Next time I'll start earlier to avoid the afternoon traffic.",
        ],
        "items": [
            "Check tyre pressure weekly",
            "Clean and lube the chain",
            "Carry lights even in summer",
            "Plan water stops",
            "Learn to fix a puncture at home first",
        ],
        "quote": "Life is like riding a bicycle. To keep your balance, you must keep moving.",
        "links": [
            "https://www.openstreetmap.org/",
            "https://en.wikipedia.org/wiki/Bicycle_touring",
        ],
    },
    {
        "slug": "home-cooking",
        "name": "Home cooking",
        "owner": "dmitri4",
        "description": (
            "Everyday cooking for real kitchens and real budgets. Recipes, techniques, "
            "failures and the dishes your grandmother made better."
        ),
        "rules": (
            "Post the recipe, or a link to it, with your photos.\n"
            "Note allergens in the title when they are not obvious.\n"
            "No blog spam: one link to your own site per month.\n"
            "Food safety questions get answers from sources, not guesses."
        ),
        "tags": ["baking", "vegetarian", "budget", "bread", "soups"],
        "titles": [
            "The easiest {a} I know, with {b}",
            "What went wrong with my {a}?",
            "Weeknight {a} in thirty minutes",
            "{a} with leftover {b}",
            "Tried my grandmother's {a} recipe",
        ],
        "a": [
            "sourdough",
            "lentil soup",
            "risotto",
            "shakshuka",
            "dumplings",
            "banana bread",
            "curry",
            "focaccia",
            "flatbread",
        ],
        "b": ["rice", "chickpeas", "roasted vegetables", "stale bread", "spinach", "yoghurt"],
        "c": ["Sunday", "weeknight"],
        "sentences": [
            "The trick is to brown the onions slowly, at least fifteen minutes, until they are properly sweet.",
            "I halved the sugar and nobody at the table noticed.",
            "Salt the water like the sea, then taste it again before the pasta goes in.",
            "The dough was too wet at first, so I gave it two more folds and an extra hour.",
            "Leftovers taste even better the next day, which makes this perfect for lunch boxes.",
            "A squeeze of lemon at the end wakes the whole dish up.",
        ],
        "items": [
            "Read the recipe to the end first",
            "Mise en place saves the evening",
            "Taste as you go",
            "Let meat and bread rest",
            "Keep a jar of stock in the freezer",
        ],
        "quote": "No one is born a great cook, one learns by doing.",
        "links": [
            "https://en.wikipedia.org/wiki/Maillard_reaction",
            "https://www.seriouseats.com/",
        ],
    },
    {
        "slug": "astronomy",
        "name": "Astronomy",
        "owner": "hiro8",
        "description": (
            "Observing the sky with eyes, binoculars and telescopes, and the science "
            "behind what we see. Clear skies!"
        ),
        "rules": (
            "Give your location (roughly) and equipment with observation reports.\n"
            "Astrophotography: list exposure, stacking and processing.\n"
            "No astrology.\n"
            "Label speculation as speculation."
        ),
        "tags": ["moon", "telescopes", "astrophotography", "planets", "meteors"],
        "titles": [
            "Saw {a} through {b} last night",
            "Which {b} for a beginner who wants to see {a}?",
            "Processing my first image of {a}",
            "{a} this month: what to look for",
        ],
        "a": [
            "Saturn's rings",
            "the Orion Nebula",
            "Jupiter's moons",
            "the Andromeda galaxy",
            "a lunar eclipse",
            "the Perseids",
            "the ISS",
            "craters near the terminator",
        ],
        "b": [
            "10x50 binoculars",
            "a 130 mm reflector",
            "a small refractor",
            "a Dobsonian",
            "a phone on a tripod",
        ],
        "c": ["tonight"],
        "sentences": [
            "The seeing was poor early on but steadied after midnight.",
            "Averted vision helped pick out the faint spiral arms.",
            "I stacked about three hundred frames and the detail surprised me.",
            "Light pollution from the town washes out everything below thirty degrees.",
            "Letting the telescope cool for an hour before observing made the image much sharper.",
            "My red torch and a star chart were all I needed.",
        ],
        "items": [
            "Let your eyes adapt for twenty minutes",
            "Check the weather and the Moon phase",
            "Start with the Moon",
            "Collimate before each session",
            "Dress warmer than you think",
        ],
        "quote": "We are all in the gutter, but some of us are looking at the stars.",
        "links": ["https://en.wikipedia.org/wiki/Messier_object", "https://www.heavens-above.com/"],
    },
    {
        "slug": "books",
        "name": "Book club",
        "owner": "esther5",
        "description": (
            "A slow, friendly book club: one book a month voted by members, plus anything "
            "else you are reading. Spoilers are tagged."
        ),
        "rules": (
            "Mark spoilers in the title.\n"
            "Criticise books, not readers.\n"
            "The monthly pick is voted in the first week of the month.\n"
            "No pirated copies or links to them."
        ),
        "tags": ["fiction", "non-fiction", "monthly-pick", "poetry", "translation"],
        "titles": [
            "Just finished {a}: thoughts?",
            "Books like {a} for someone who loved {b}?",
            "Monthly pick discussion: {a}",
            "Reading {a} in translation",
        ],
        "a": [
            "Middlemarch",
            "The Left Hand of Darkness",
            "Beloved",
            "Pedro Páramo",
            "The Remains of the Day",
            "One Hundred Years of Solitude",
            "Stoner",
            "The Master and Margarita",
        ],
        "b": [
            "slow character studies",
            "magical realism",
            "unreliable narrators",
            "short chapters",
            "big family sagas",
        ],
        "c": ["this month"],
        "sentences": [
            "The first fifty pages were slow, but the last third was impossible to put down.",
            "I kept underlining sentences I wanted to read aloud to someone.",
            "The translation reads smoothly, though a friend says the original is funnier.",
            "The ending divided our group completely.",
            "I would not have picked it myself, which is exactly why I like this club.",
            "The secondary characters stayed with me longer than the protagonist did.",
        ],
        "items": [
            "Keep a reading journal",
            "Read the introduction last",
            "Try the audiobook on walks",
            "Re-read the first chapter at the end",
        ],
        "quote": "A reader lives a thousand lives before he dies. The man who never reads lives only one.",
        "links": ["https://www.gutenberg.org/", "https://en.wikipedia.org/wiki/Booker_Prize"],
    },
    {
        "slug": "photography",
        "name": "Photography",
        "owner": "farid6",
        "description": (
            "Taking better pictures with whatever camera you have. Critique, technique, "
            "light, composition and the gear question, in that order."
        ),
        "rules": (
            "Critique requests: say what you were going for.\n"
            "Critique the photo, not the photographer.\n"
            "Gear posts must say what you want to shoot with it.\n"
            "Only post your own photos."
        ),
        "tags": ["street", "portraits", "film", "editing", "composition"],
        "titles": [
            "Critique my {a} shot taken with {b}",
            "How do you handle {a} in {c}?",
            "One year of shooting only {a}",
            "{b} or a better lens for {a}?",
        ],
        "a": ["street", "portrait", "landscape", "night", "black and white", "film", "macro"],
        "b": ["a phone", "a 35 mm prime", "an old film camera", "a kit zoom", "a compact"],
        "c": ["harsh midday light", "fog", "blue hour", "crowded markets", "rain"],
        "sentences": [
            "I exposed for the highlights and lifted the shadows later.",
            "Getting closer improved my pictures more than any new lens.",
            "Shooting at golden hour softened everything nicely.",
            "The horizon is slightly tilted, which bothers me now that I see it.",
            "Waiting for someone to walk into the frame took twenty minutes and was worth it.",
        ],
        "items": [
            "Fill the frame",
            "Watch the edges",
            "Shoot in RAW if you edit",
            "Use the histogram, not the screen",
            "Print your favourites",
        ],
        "quote": "Your first 10,000 photographs are your worst.",
        "links": [
            "https://en.wikipedia.org/wiki/Rule_of_thirds",
            "https://en.wikipedia.org/wiki/Exposure_triangle",
        ],
    },
    {
        "slug": "urbanism",
        "name": "Cities and transit",
        "owner": "grace7",
        "description": (
            "Trains, trams, buses, bike lanes and the shape of the places we live. "
            "Data and stories from cities large and small."
        ),
        "rules": (
            "Link your sources for numbers.\n"
            "Discuss policies, not politicians.\n"
            "Say which city you are talking about.\n"
            "No fare-dodging tips."
        ),
        "tags": ["trains", "trams", "housing", "bike-lanes", "walkability"],
        "titles": [
            "{a} in {b}: what changed after a year",
            "Why does {b} get {a} right?",
            "Proposal: {a} for my town",
            "Riding every {a} line in {b}",
        ],
        "a": [
            "night trains",
            "bus lanes",
            "a tram network",
            "protected bike lanes",
            "car-free streets",
            "integrated ticketing",
            "a new metro",
        ],
        "b": ["Vienna", "Lyon", "Bogotá", "Utrecht", "Osaka", "Barcelona", "Montréal"],
        "c": ["this year"],
        "sentences": [
            "Ridership doubled once the buses came every ten minutes instead of every thirty.",
            "The shops on the street complained at first and now want the pilot extended.",
            "Counting the whole trip, door to door, the tram beats driving at rush hour.",
            "The city published its data openly, so anyone can check these numbers.",
            "Frequency matters more than speed for most everyday trips.",
        ],
        "items": [
            "Frequency over coverage",
            "Level boarding",
            "One ticket for every mode",
            "Safe crossings near schools",
            "Trees on every street",
        ],
        "quote": "Cities have the capability of providing something for everybody, only because, and only when, they are created by everybody.",
        "links": [
            "https://en.wikipedia.org/wiki/Transit-oriented_development",
            "https://www.openstreetmap.org/",
        ],
    },
    {
        "slug": "language-learning",
        "name": "Language learning",
        "owner": "ines9",
        "description": (
            "Learning languages as an adult: methods, resources, progress reports and "
            "exchange partners. All languages, all levels."
        ),
        "rules": (
            "Say which language and level you are at.\n"
            "Corrections are welcome only when asked for.\n"
            "Resource posts: free or clearly marked as paid.\n"
            "No 'fluent in 3 months' clickbait."
        ),
        "tags": ["spanish", "arabic", "japanese", "grammar", "vocabulary"],
        "titles": [
            "Six months of {a}: progress report",
            "How do you practise {b} in {a}?",
            "Best free resources for {a}?",
            "Stuck at intermediate {a}, any advice?",
        ],
        "a": ["Spanish", "Arabic", "Japanese", "Portuguese", "German", "Turkish", "Korean"],
        "b": ["listening", "speaking", "verb conjugations", "reading the news", "writing by hand"],
        "c": ["daily"],
        "sentences": [
            "Twenty minutes every day worked far better than three hours on Sundays.",
            "Watching series with subtitles in the target language finally made listening click.",
            "My exchange partner corrects my mistakes gently, and I correct her English.",
            "Spaced repetition keeps the vocabulary alive, but grammar needs real sentences.",
            "I stopped translating in my head around month four.",
        ],
        "items": [
            "Learn phrases, not words",
            "Speak from the first week",
            "Read things you enjoy",
            "Keep a mistakes notebook",
            "Shadow native audio",
        ],
        "quote": "The limits of my language mean the limits of my world.",
        "links": ["https://en.wikipedia.org/wiki/Spaced_repetition", "https://tatoeba.org/"],
    },
    {
        "slug": "chess",
        "name": "Chess",
        "owner": "jonas10",
        "description": (
            "Openings, endgames, puzzles and over-the-board stories. From your first "
            "checkmate to your first rated tournament."
        ),
        "rules": (
            "Share games in PGN or with a link to an analysis board.\n"
            "No engine use in ongoing games.\n"
            "Be gentle with blunders: we all hang our queen.\n"
            "Cheating accusations go to the moderators, not the feed."
        ),
        "tags": ["openings", "endgames", "puzzles", "tournaments"],
        "titles": [
            "Lost again to the {a}, how do I meet it?",
            "My first {b}: a report",
            "Is the {a} good for beginners?",
            "Puzzle: white to play and win ({c})",
        ],
        "a": [
            "London System",
            "Sicilian Defence",
            "King's Gambit",
            "Caro-Kann",
            "Queen's Gambit",
            "Scandinavian",
        ],
        "b": [
            "rated tournament",
            "simul",
            "blitz arena",
            "club championship",
            "correspondence game",
        ],
        "c": ["easy", "medium", "hard"],
        "sentences": [
            "I was winning until move thirty, then spent all my time and blundered a rook.",
            "Studying rook endgames did more for my rating than any opening book.",
            "My coach says to always ask what my opponent's last move threatens.",
            "The engine says the position was equal, but it never felt that way over the board.",
        ],
        "items": [
            "Develop your pieces",
            "Castle early",
            "Check, capture, threat",
            "Play slower games to improve",
            "Review every loss",
        ],
        "quote": "Tactics flow from a superior position.",
        "links": ["https://lichess.org/analysis", "https://en.wikipedia.org/wiki/Chess_endgame"],
    },
    {
        "slug": "announcements",
        "name": "Quorum announcements",
        "owner": "staffmod",
        "visibility": "restricted",
        "description": (
            "News about Quorum itself: new features, maintenance windows and community "
            "guidelines. Anyone can read and comment; only the team posts."
        ),
        "rules": (
            "Only approved members post here; everyone can comment.\n"
            "Report bugs with steps to reproduce.\n"
            "Feature requests go in the monthly thread."
        ),
        "tags": ["release-notes", "maintenance", "guidelines"],
        "titles": [
            "Release notes: {a}",
            "Maintenance window: {c}",
            "Guidelines update: {b}",
        ],
        "a": [
            "threaded replies",
            "faster feeds",
            "dark mode",
            "a Spanish translation",
            "keyboard shortcuts",
            "community bans",
        ],
        "b": ["moderator appointments", "private communities", "reporting posts", "spam"],
        "c": ["Sunday night", "early Tuesday", "next weekend"],
        "sentences": [
            "Thank you to everyone who reported problems during the beta.",
            "Nothing changes for you unless you moderate a community.",
            "Expect a few minutes of downtime while the database is upgraded.",
            "As always, questions are welcome in the comments below.",
        ],
        "items": [
            "Feeds load faster",
            "Votes work without JavaScript",
            "Better screen-reader labels",
            "Right-to-left layouts fixed",
        ],
        "quote": "Small steps, shipped often.",
        "links": ["https://example.org/status"],
    },
    {
        "slug": "night-shift",
        "name": "Night shift",
        "owner": "alice",
        "visibility": "private",
        "description": (
            "A private room for people who work nights: nurses, bakers, drivers, "
            "guards. Members only; what is said here stays here."
        ),
        "rules": (
            "Members are added by the moderators.\n"
            "Never share screenshots outside this community.\n"
            "No naming employers or patients."
        ),
        "tags": ["sleep", "night-work", "health"],
        "titles": [
            "How do you sleep after a {a}?",
            "Meals that work at {b}",
            "Week {c} of nights: a check-in",
        ],
        "a": ["twelve-hour shift", "double shift", "first night back", "week of nights"],
        "b": ["3 a.m.", "the end of a shift", "midnight break"],
        "c": ["one", "two", "three", "four"],
        "sentences": [
            "Blackout curtains and earplugs are non-negotiable for me.",
            "I keep the same sleep schedule on days off, which my family hates.",
            "A short walk in daylight after waking helps more than coffee.",
            "Eating a real meal before the shift stops me from snacking all night.",
        ],
        "items": [
            "Blackout curtains",
            "Phone on silent",
            "Same wake-up time",
            "A proper meal before work",
        ],
        "quote": "Rest is not idleness.",
        "links": ["https://en.wikipedia.org/wiki/Shift_work_sleep_disorder"],
    },
]

GENERIC_OPENERS = [
    "Long-time reader, first post.",
    "Quick question for the experienced folks here.",
    "Sharing this in case it helps someone.",
    "This has been bugging me for weeks.",
    "Update on my post from last month.",
    "",
]
GENERIC_CLOSERS = [
    "Thanks in advance for any advice!",
    "Happy to answer questions in the comments.",
    "What would you do differently?",
    "Curious to hear your experiences.",
    "",
]

# Translated names (django-modeltranslation) for a few communities and curated
# tags, to show the admin's per-language fields and the fallback: the other
# communities and tags show their English name in every language.
TRANSLATED_COMMUNITY_NAMES = {
    "gardening": {
        "es": "Jardinería",
        "fr": "Jardinage",
        "de": "Gärtnern",
        "pt-br": "Jardinagem",
        "ar": "البستنة",
    },
    "cycling": {
        "es": "Ciclismo",
        "fr": "Vélo",
        "de": "Radfahren",
        "pt-br": "Ciclismo",
        "ar": "ركوب الدراجات",
    },
    "home-cooking": {
        "es": "Cocina casera",
        "fr": "Cuisine maison",
        "de": "Hausmannskost",
        "pt-br": "Comida caseira",
        "ar": "الطبخ المنزلي",
    },
    "astronomy": {
        "es": "Astronomía",
        "fr": "Astronomie",
        "de": "Astronomie",
        "pt-br": "Astronomia",
        "ar": "علم الفلك",
    },
    "books": {
        "es": "Club de lectura",
        "fr": "Club de lecture",
        "de": "Buchclub",
        "pt-br": "Clube do livro",
        "ar": "نادي الكتاب",
    },
}
TRANSLATED_TAG_NAMES = {
    "tomatoes": {
        "es": "tomates",
        "fr": "tomates",
        "de": "Tomaten",
        "pt-br": "tomates",
        "ar": "طماطم",
    },
    "composting": {
        "es": "compostaje",
        "fr": "compostage",
        "de": "Kompostieren",
        "pt-br": "compostagem",
        "ar": "تسميد",
    },
    "bread": {"es": "pan", "fr": "pain", "de": "Brot", "pt-br": "pão", "ar": "خبز"},
    "telescopes": {
        "es": "telescopios",
        "fr": "télescopes",
        "de": "Teleskope",
        "pt-br": "telescópios",
        "ar": "تلسكوبات",
    },
}

# The language of every demo post and comment: the words above are English,
# whatever language the (pretend) author's profile shows the site in.
DEMO_LANGUAGE = "en"
