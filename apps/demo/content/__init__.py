# ruff: noqa: E501 - sentences of demo content read better unbroken
"""The demo data set's words (seed_content, seed_discussions): communities
with real-looking descriptions and rules, and, per community, hand-written
posts whose titles, bodies and replies are about the same thing
(apps/demo/content/<community>.py, shaped by spec.py).

Demo data is not translated on purpose: it is content written by (pretend)
members, like any post. Each post and reply says its own language; the
Language learning community is multilingual, and a few posts elsewhere are in
Spanish, French or German.
"""

from typing import NotRequired, TypedDict

from . import (
    announcements,
    astronomy,
    books,
    chess,
    cycling,
    gardening,
    home_cooking,
    language_learning,
    night_shift,
    photography,
    python,
    urbanism,
)
from .spec import DemoImage, DemoPoll, DemoPost, DemoReply, reply

__all__ = [
    "COMMUNITIES",
    "DEMO_LANGUAGE",
    "POSTS",
    "TRANSLATED_COMMUNITY_NAMES",
    "TRANSLATED_TAG_NAMES",
    "DemoImage",
    "DemoPoll",
    "DemoPost",
    "DemoReply",
    "demo_titles",
    "reply",
    "welcome_title",
]


class CommunitySpec(TypedDict):
    """One demo community's fields."""

    slug: str
    name: str
    owner: str  # username of a seed_members account
    description: str  # plain text (paragraphs) or the comments' HTML
    rules: str  # one rule a line
    tags: list[str]  # the tags its posts may carry
    visibility: NotRequired[str]  # a Visibility value; public when missing


COMMUNITIES: list[CommunitySpec] = [
    {
        "slug": "gardening",
        "name": "Gardening",
        "owner": "alice",
        "description": "Vegetables, herbs, flowers and the occasional disaster. Balconies, allotments "
        "and back gardens all welcome. Share what worked, what didn't, and what the slugs "
        "ate this week.",
        "rules": "Be kind to beginners: everyone killed a basil plant once.\n"
        "Say where you garden (climate or region) when asking for advice.\n"
        "No selling seeds or plants without the moderators' OK.\n"
        "Photos of pests are fine; photos of pesticides with brand names are not.",
        "tags": ["tomatoes", "composting", "herbs", "balcony", "seeds", "pests"],
    },
    {
        "slug": "python",
        "name": "Python",
        "owner": "bruno",
        "description": "The Python language, its standard library and its ecosystem. Questions from "
        "beginners and deep dives into the interpreter are equally welcome.",
        "rules": "Post code as text in a code block, never as a screenshot.\n"
        "Include the Python version and the full traceback when asking for help.\n"
        "No homework dumps: show what you tried.\n"
        "Job posts go in the monthly thread.",
        "tags": ["python", "asyncio", "typing", "packaging", "performance", "django"],
    },
    {
        "slug": "cycling",
        "name": "Cycling",
        "owner": "chiara3",
        "description": "Commuting, touring, racing and fixing bikes. Routes, kit and the eternal "
        "question of how many bikes is enough (answer: one more).",
        "rules": "Helmet debates live in the pinned thread only.\n"
        "Credit the author when sharing someone else's route.\n"
        "No buying or selling stolen parts; we report them.\n"
        "Be civil about drivers, pedestrians and other cyclists.",
        "tags": ["commuting", "touring", "repairs", "gravel", "routes"],
    },
    {
        "slug": "home-cooking",
        "name": "Home cooking",
        "owner": "dmitri4",
        "description": "Everyday cooking for real kitchens and real budgets. Recipes, techniques, "
        "failures and the dishes your grandmother made better.",
        "rules": "Post the recipe, or a link to it, with your photos.\n"
        "Note allergens in the title when they are not obvious.\n"
        "No blog spam: one link to your own site per month.\n"
        "Food safety questions get answers from sources, not guesses.",
        "tags": ["baking", "vegetarian", "budget", "bread", "soups"],
    },
    {
        "slug": "astronomy",
        "name": "Astronomy",
        "owner": "hiro8",
        "description": "Observing the sky with eyes, binoculars and telescopes, and the science behind "
        "what we see. Clear skies!",
        "rules": "Give your location (roughly) and equipment with observation reports.\n"
        "Astrophotography: list exposure, stacking and processing.\n"
        "No astrology.\n"
        "Label speculation as speculation.",
        "tags": ["moon", "telescopes", "astrophotography", "planets", "meteors"],
    },
    {
        "slug": "books",
        "name": "Book club",
        "owner": "esther5",
        "description": "A slow, friendly book club: one book a month voted by members, plus anything "
        "else you are reading. Spoilers are tagged.",
        "rules": "Mark spoilers in the title.\n"
        "Criticise books, not readers.\n"
        "The monthly pick is voted in the first week of the month.\n"
        "No pirated copies or links to them.",
        "tags": ["fiction", "non-fiction", "monthly-pick", "poetry", "translation"],
    },
    {
        "slug": "photography",
        "name": "Photography",
        "owner": "farid6",
        "description": "Taking better pictures with whatever camera you have. Critique, technique, "
        "light, composition and the gear question, in that order.",
        "rules": "Critique requests: say what you were going for.\n"
        "Critique the photo, not the photographer.\n"
        "Gear posts must say what you want to shoot with it.\n"
        "Only post your own photos.",
        "tags": ["street", "portraits", "film", "editing", "composition"],
    },
    {
        "slug": "urbanism",
        "name": "Cities and transit",
        "owner": "grace7",
        "description": "Trains, trams, buses, bike lanes and the shape of the places we live. Data and "
        "stories from cities large and small.",
        "rules": "Link your sources for numbers.\n"
        "Discuss policies, not politicians.\n"
        "Say which city you are talking about.\n"
        "No fare-dodging tips.",
        "tags": ["trains", "trams", "housing", "bike-lanes", "walkability"],
    },
    {
        "slug": "language-learning",
        "name": "Language learning",
        "owner": "ines9",
        "description": "Learning languages as an adult: methods, resources, progress reports and "
        "exchange partners. All languages, all levels.",
        "rules": "Say which language and level you are at.\n"
        "Corrections are welcome only when asked for.\n"
        "Resource posts: free or clearly marked as paid.\n"
        "No 'fluent in 3 months' clickbait.",
        "tags": ["spanish", "arabic", "japanese", "grammar", "vocabulary"],
    },
    {
        "slug": "chess",
        "name": "Chess",
        "owner": "jonas10",
        "description": "Openings, endgames, puzzles and over-the-board stories. From your first "
        "checkmate to your first rated tournament.",
        "rules": "Share games in PGN or with a link to an analysis board.\n"
        "No engine use in ongoing games.\n"
        "Be gentle with blunders: we all hang our queen.\n"
        "Cheating accusations go to the moderators, not the feed.",
        "tags": ["openings", "endgames", "puzzles", "tournaments"],
    },
    {
        "slug": "announcements",
        "name": "Quorum announcements",
        "owner": "staffmod",
        "visibility": "restricted",
        "description": "News about Quorum itself: new features, maintenance windows and community "
        "guidelines. Anyone can read and comment; only the team posts.",
        "rules": "Only approved members post here; everyone can comment.\n"
        "Report bugs with steps to reproduce.\n"
        "Feature requests go in the monthly thread.",
        "tags": ["release-notes", "maintenance", "guidelines"],
    },
    {
        "slug": "night-shift",
        "name": "Night shift",
        "owner": "alice",
        "visibility": "private",
        "description": "A private room for people who work nights: nurses, bakers, drivers, guards. "
        "Members only; what is said here stays here.",
        "rules": "Members are added by the moderators.\n"
        "Never share screenshots outside this community.\n"
        "No naming employers or patients.",
        "tags": ["sleep", "night-work", "health"],
    },
]

# Each community's posts, in the order seed_content creates them.
POSTS: dict[str, list[DemoPost]] = {
    "gardening": gardening.POSTS,
    "python": python.POSTS,
    "cycling": cycling.POSTS,
    "home-cooking": home_cooking.POSTS,
    "astronomy": astronomy.POSTS,
    "books": books.POSTS,
    "photography": photography.POSTS,
    "urbanism": urbanism.POSTS,
    "language-learning": language_learning.POSTS,
    "chess": chess.POSTS,
    "announcements": announcements.POSTS,
    "night-shift": night_shift.POSTS,
}


def demo_titles(slug: str) -> list[str]:
    """The titles of the demo's own posts in community `slug` (with its
    welcome post's): how the seeding steps tell the demo's posts from those
    real members wrote, which they never touch."""
    name = next((spec["name"] for spec in COMMUNITIES if spec["slug"] == slug), "")
    return [welcome_title(name), *(post.title for post in POSTS.get(slug, []))]


def welcome_title(name: str) -> str:
    """The title of a community's pinned welcome post."""
    return f"Welcome to {name}: read this first"


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
