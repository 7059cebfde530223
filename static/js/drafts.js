/*
 * The submit form saves a draft with htmx a few seconds after typing stops
 * (hx-trigger="input delay:3s" on the form, templates/posts/submit.html).
 * TinyMCE types into its own frame, so the textarea neither changes nor
 * fires `input`: on each edit, copy the editor's content into the textarea
 * (what tinymce.triggerSave() does, for this editor) and announce it to the
 * form as an `input` event. Without JavaScript, the "Save draft" button does
 * the same job.
 */
'use strict';

(function () {
  function watch(editor) {
    editor.on('input change undo redo', function () {
      editor.save();
      var field = editor.getElement();
      if (field && field.form && field.form.hasAttribute('data-autosave')) {
        field.dispatchEvent(new Event('input', { bubbles: true }));
      }
    });
  }
  if (window.tinymce) {
    window.tinymce.on('AddEditor', function (event) {
      watch(event.editor);
    });
  }
})();
