"""The diff between two versions: words removed and added, marked for
screen readers, and everything escaped (user text never becomes markup)."""

from apps.revisions import diff


def test_a_changed_word_is_removed_then_added():
    html = diff.diff_html("They need light.", "They need a lamp.")

    assert html.startswith("They need")
    assert '<del class="diff-del">' in html and "light." in html
    assert '<ins class="diff-ins">' in html and "a lamp." in html
    assert html.index("<del") < html.index("<ins")


def test_changes_are_named_for_screen_readers_not_by_colour_alone():
    html = diff.diff_html("old", "new")

    assert '<span class="visually-hidden">[removed: </span>old' in html
    assert '<span class="visually-hidden">[added: </span>new' in html


def test_html_in_a_body_shows_as_text_in_the_diff():
    html = diff.diff_html("Hello", "Hello <script>alert(1)</script> & <b>bold</b>")

    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&amp;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html


def test_removed_html_is_escaped_too():
    html = diff.diff_html('<img src=x onerror="alert(1)">', "clean")

    assert "<img" not in html and "&lt;img" in html


def test_unchanged_lines_stay_as_they_are():
    html = diff.diff_html("one\ntwo\nthree", "one\n2\nthree")

    assert html.startswith("one\n") and html.endswith("three")
    assert "two" in html and "2" in html


def test_a_run_too_long_to_compare_word_by_word_shows_removed_then_added(monkeypatch):
    monkeypatch.setattr(diff, "WORD_DIFF_LIMIT", 4)

    html = diff.diff_html("a b c d", "a b c e")

    assert html.count("<del") == 1 and html.count("<ins") == 1
    assert "a b c d" in html and "a b c e" in html


def test_the_same_text_has_no_diff():
    assert diff.changed("same", "same") is None


def test_tags_kept_removed_and_added():
    html = diff.tags_diff(["lamps", "winter"], ["winter", "seeds"])

    assert html is not None
    assert "[removed: </span>lamps" in html and "[added: </span>seeds" in html
    assert html.endswith("</ins> winter")
    assert diff.tags_diff(["a"], ["a"]) is None


def test_a_sentence_added_at_the_end_is_all_that_is_marked():
    html = diff.diff_html("Morning light over the Alps.", "Morning light over the Alps. Coffee!")

    assert html.startswith("Morning light over the Alps.")
    assert "<del" not in html
    assert "Coffee!" in html and html.index("<ins") > html.index("Alps.")
