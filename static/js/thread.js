/*
 * Keeps the branches a reader folded or unfolded on a thread page
 * (templates/comments/_comment.html: <details class="comment-fold"> in each
 * <li class="comment-node" id="node-…">) when they come back to it: a page
 * the browser rebuilds from the server on back/forward or reload would
 * otherwise start from the server's folds again, since <details> state is not
 * form state. The choices live in sessionStorage per path (this tab only) and
 * are applied on load and to every batch htmx brings in ("Load more
 * comments"). An enhancement: without it, folding works the same, and pages
 * kept whole by the back/forward cache or htmx's history keep `open` anyway.
 *
 * "Load more comments" replaces itself with the next batch: the focus, which
 * was on the button, moves to the first new comment instead of the page's top.
 */
'use strict';

(function () {
  var key = 'quorum-folds:' + window.location.pathname;

  function load() {
    try {
      return JSON.parse(window.sessionStorage.getItem(key)) || {};
    } catch (error) {
      return {};
    }
  }

  function apply() {
    var state = load();
    document.querySelectorAll('li.comment-node > details.comment-fold').forEach(function (fold) {
      var id = fold.parentElement.id;
      if (Object.prototype.hasOwnProperty.call(state, id) && fold.open !== state[id]) {
        fold.open = state[id];
      }
    });
  }

  // `toggle` does not bubble: listen in the capture phase.
  document.addEventListener('toggle', function (event) {
    var fold = event.target;
    if (!(fold instanceof HTMLDetailsElement) || !fold.classList.contains('comment-fold')) {
      return;
    }
    var state = load();
    state[fold.parentElement.id] = fold.open;
    try {
      window.sessionStorage.setItem(key, JSON.stringify(state));
    } catch (error) {
      // Storage full or refused: the fold still works, it is just not remembered.
    }
  }, true);
  document.addEventListener('DOMContentLoaded', apply);

  var before = null; // the item just before the "Load more comments" being replaced
  document.addEventListener('htmx:beforeSwap', function (event) {
    var target = event.detail.target;
    if (target && target.classList && target.classList.contains('comment-load-more')) {
      before = target.previousElementSibling;
    }
  });
  document.addEventListener('htmx:afterSettle', function () {
    apply();
    if (before !== null) {
      var first = before.nextElementSibling;
      var article = first && first.querySelector('article');
      before = null;
      if (article) {
        article.setAttribute('tabindex', '-1');
        article.focus();
      }
    }
  });
})();
