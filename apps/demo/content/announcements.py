# ruff: noqa: E501 - sentences of demo content read better unbroken
"""Demo posts of the Quorum announcements community (posted by the team)."""

from .spec import DemoPost, reply

POSTS = [
    DemoPost(
        title="Release notes: threaded replies and a quieter header on phones",
        body=(
            "<p>This week's release:</p><ul><li>Replies can nest deeper, and long threads fold so the page "
            "stays readable.</li><li>On phones the header takes one short row; the language menu moved to "
            "the bottom of every page.</li><li>Bios and community descriptions can hold links, bold, "
            "italics and lists.</li></ul><p>Questions and bug reports are welcome below.</p>"
        ),
        author="staffmod",
        tags=("release-notes",),
        hours_ago=40,
        replies=(
            reply(
                "The phone header is so much better. I can finally see the first post without scrolling."
            ),
            reply(
                "Where did the language switch go? I couldn't find it at first.",
                reply(
                    "It's at the very bottom of every page now, in the footer. Members can also set it in Settings.",
                    who="op",
                ),
            ),
        ),
    ),
    DemoPost(
        title="Maintenance window on Sunday night",
        body=(
            "<p>We're upgrading the database on Sunday between 02:00 and 02:30 UTC. Expect the site to "
            "be read-only for a few minutes. Nothing changes for you.</p>"
        ),
        author="staffmod",
        tags=("maintenance",),
        hours_ago=160,
        replies=(reply("Thanks for the heads-up, and for doing it at a quiet hour."),),
    ),
]
