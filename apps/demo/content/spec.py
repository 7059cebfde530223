"""The shape of the demo's hand-written posts and threads.

Each community's module (apps/demo/content/<community>.py) lists its posts as
`DemoPost`s: a title and a body about the same thing, written by a (pretend)
member, with the replies that answer it (`reply(text, *replies)` nests them).
Nothing is stitched from phrases: what a reply says is written for the post or
the comment it answers.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoReply:
    """A comment and the replies to it. `language` blank: the post's. `who`
    names the writer within the post: "op" is the post's author, any other
    name the same member wherever it appears in the post; blank: any member
    but the one answered."""

    text: str
    replies: tuple["DemoReply", ...] = ()
    language: str = ""
    who: str = ""


@dataclass(frozen=True)
class DemoPoll:
    """A poll under the post; `votes` weighs how the demo members split between
    the options."""

    options: tuple[str, ...]
    votes: tuple[int, ...]
    multiple: bool = False


@dataclass(frozen=True)
class DemoImage:
    """A picture drawn with Pillow at seed time (apps.demo.images), placed in
    the body where `{image}` stands."""

    kind: str  # a drawing of apps.demo.images.DRAWINGS
    alt: str


@dataclass(frozen=True)
class DemoPost:
    """A post: sanitized on the way in like any post body (HTML)."""

    title: str
    body: str
    replies: tuple[DemoReply, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = "en"
    link: str = ""
    hours_ago: float = 48  # how long ago it was posted
    author: str = ""  # a seed_members username; blank: a member of the community
    reception: float = 0.85  # the share of upvotes among its votes (an advert gets few)
    image: DemoImage | None = None
    poll: DemoPoll | None = None


def reply(text: str, *replies: DemoReply, language: str = "", who: str = "") -> DemoReply:
    """`reply("Which variety?", reply("Sungold.", who="op"))`: a comment and its answers."""
    return DemoReply(text=text, replies=tuple(replies), language=language, who=who)
