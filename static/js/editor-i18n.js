/*
 * Corrections to TinyMCE's own language packs, from Quorum's catalogue.
 *
 * Some packs leave a word in English (es and pt_BR say "Redo"). The editor's
 * config (TINYMCE_DEFAULT_CONFIG in config/settings/base.py) carries our
 * translations as `quorum_i18n` ({English text: translation}, serialised per
 * request in the page's language) and names this file's setup function. Once
 * TinyMCE has loaded its pack, and before it draws the toolbar, the
 * corrections are merged over the pack's words.
 */
'use strict';

window.quorumEditorSetup = function (editor) {
  editor.options.register('quorum_i18n', { processor: 'object', default: {} });
  editor.on('ScriptsLoaded', function () {
    var language = editor.options.get('language');
    var corrections = editor.options.get('quorum_i18n');
    if (language && Object.keys(corrections).length > 0) {
      window.tinymce.addI18n(language, corrections);
    }
  });
};
