# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Python community."""

from .spec import DemoImage, DemoPost, reply

# Posts seed_moderation acts on: a thread that turned sour (locked, its personal
# attack removed) and a list of affiliate links (reported).
HEATED_TITLE = "Tabs or spaces: can we settle this for our team's style guide?"
PERSONAL_ATTACK = "Only someone who has never worked on a real codebase would ask this."
AFFILIATE_TITLE = "The 10 best Python courses of 2026 (with discount codes)"

POSTS = [
    DemoPost(
        title="functools.cache made my script 400 times faster (and then ate my memory)",
        body=(
            "<p>I had a recursive function computing paths in a grid. Adding <code>@cache</code> took it "
            "from 40 seconds to 0.1 s:</p>"
            "<pre><code>from functools import cache\n\n@cache\ndef paths(x: int, y: int) -&gt; int:\n"
            "    if x == 0 or y == 0:\n        return 1\n    return paths(x - 1, y) + paths(x, y - 1)</code></pre>"
            "<p>Then I ran it in a long-lived worker with millions of different inputs and the process grew "
            "to 6 GB. Lesson learned: <code>cache</code> is unbounded. For a server, "
            "<code>lru_cache(maxsize=…)</code> is the one you want.</p>"
        ),
        tags=("performance",),
        hours_ago=12,
        replies=(
            reply(
                "You can also call <code>paths.cache_clear()</code> between jobs if the inputs of one job "
                "are what benefit from the cache.",
                reply("Oh, nice, that fits my case exactly. One job, then clear.", who="op"),
            ),
            reply(
                "<code>paths.cache_info()</code> is handy too: it tells you hits, misses and the current size."
            ),
            reply(
                "For a grid this size you could also skip recursion and fill a table bottom-up. "
                "Same speed, no cache at all."
            ),
        ),
    ),
    DemoPost(
        title="asyncio.gather or TaskGroup in 2026?",
        body=(
            "<p>Starting a new service on Python 3.13. Most tutorials still use <code>asyncio.gather</code>, "
            "but the docs push <code>TaskGroup</code>. Is there any reason left to use gather?</p>"
        ),
        tags=("asyncio",),
        hours_ago=45,
        replies=(
            reply(
                "TaskGroup cancels the other tasks when one fails, gather leaves them running unless you "
                "handle it. For new code, TaskGroup is the safer default.",
                reply(
                    "And the errors come out as an ExceptionGroup, so get used to <code>except*</code>.",
                    reply(
                        "That was the part that confused me at first, but it makes sense once you see it.",
                        who="op",
                    ),
                ),
            ),
            reply(
                "gather with <code>return_exceptions=True</code> is still useful when you want every result, failures included."
            ),
        ),
    ),
    DemoPost(
        title="What finally made typing.Protocol click for me",
        body=(
            "<p>I never understood why I'd use a Protocol instead of an abstract base class. "
            'Then I had to accept "anything with a <code>read()</code> method" in a function: files, '
            "sockets, my own test fakes.</p>"
            "<pre><code>class Readable(Protocol):\n    def read(self, size: int = -1) -&gt; bytes: ...</code></pre>"
            "<p>None of those classes inherit from anything I wrote, and mypy still checks them. "
            "That's the whole point: structural, not nominal.</p>"
        ),
        tags=("typing",),
        hours_ago=90,
        replies=(
            reply("Best one-paragraph explanation of Protocol I've read. Saving this."),
            reply(
                "Worth adding <code>@runtime_checkable</code> if you ever need <code>isinstance</code>, "
                "but it only checks that the method exists, not its signature."
            ),
        ),
    ),
    DemoPost(
        title="How long does our test suite take? A small survey of the team",
        body=(
            "<p>We argued about whether 9 minutes is slow for a Django test suite, so I asked five teams "
            "at work how long theirs take on CI.</p>{image}"
            '<p>Ours is the 9-minute one. Running with <a href="https://pypi.org/project/pytest-xdist/">pytest-xdist</a> '
            "on four workers brought it to under 3.</p>"
        ),
        tags=("performance", "django"),
        hours_ago=140,
        image=DemoImage(
            kind="test-times-chart",
            alt="Bar chart of CI test suite durations in minutes for five teams: 2, 4, 9, 6 and 14.",
        ),
        replies=(
            reply(
                "The 14-minute team should look at their fixtures. Ours went from 12 to 5 minutes just "
                "by creating the database once per session instead of per test."
            ),
            reply(
                "Did xdist break any tests? We had a few that depended on order.",
                reply("Two, and both were real bugs. Worth it.", who="op"),
            ),
        ),
    ),
    DemoPost(
        title="pathlib for people who still type os.path.join",
        body=(
            '<ol><li><code>Path("data") / "2026" / "report.csv"</code> instead of join.</li>'
            '<li><code>path.read_text(encoding="utf-8")</code> for small files: no <code>with open</code>.</li>'
            '<li><code>path.with_suffix(".json")</code> to change an extension.</li>'
            "<li><code>Path.home()</code> and <code>path.expanduser()</code> for <code>~</code>.</li></ol>"
            "<p>Which ones did I miss?</p>"
        ),
        tags=("python",),
        hours_ago=230,
        replies=(
            reply('<code>path.glob("**/*.py")</code> replaced half of my uses of os.walk.'),
            reply(
                "<code>path.stem</code> and <code>path.suffix</code>. No more splitting on dots.",
                reply("And <code>path.parent</code> instead of dirname, yes."),
            ),
        ),
    ),
    DemoPost(
        title="Packaging a small CLI tool: pyproject.toml is all you need now",
        body=(
            "<p>I published my first tool on PyPI this week. No setup.py, no setup.cfg: one "
            "<code>pyproject.toml</code> with a <code>[project.scripts]</code> entry and "
            '<code>python -m build</code>. The <a href="https://packaging.python.org/en/latest/tutorials/packaging-projects/">official tutorial</a> '
            "is genuinely good these days.</p>"
        ),
        tags=("packaging",),
        hours_ago=330,
        replies=(
            reply(
                "Congrats on the first release! Did you use trusted publishing from CI?",
                reply("Not yet, I uploaded with twine by hand. Next release.", who="op"),
            ),
            reply(
                "Make sure to set <code>requires-python</code>, or people on old versions will install it and get a confusing error."
            ),
        ),
    ),
    DemoPost(
        title=HEATED_TITLE,
        body=(
            "<p>Our new team can't agree. Half use tabs, half use four spaces, and every pull request "
            "has whitespace noise. How did your team decide?</p>"
        ),
        tags=("python",),
        hours_ago=58,
        replies=(
            reply(
                "PEP 8 says spaces, and a formatter like Black or Ruff makes the question disappear: "
                "nobody types indentation by hand any more.",
                reply("Adopting a formatter in CI is what finally ended it for us too.", who="op"),
            ),
            reply(
                PERSONAL_ATTACK,
                reply("That's uncalled for. It's a reasonable question for a new team."),
            ),
        ),
    ),
    DemoPost(
        title=AFFILIATE_TITLE,
        reception=0.1,
        body=(
            "<p>I ranked the top Python courses so you don't have to! Each link has my personal discount "
            'code: <a href="https://courses.example.com/?ref=best10">see the full list</a>.</p>'
        ),
        tags=("python",),
        hours_ago=10,
    ),
]
