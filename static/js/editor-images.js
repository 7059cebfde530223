/*
 * The post editor's image uploads (TinyMCE's images_upload_handler).
 *
 * An image pasted, dropped or chosen in the image dialog is sent to
 * apps.media's upload endpoint (the editor's `images_upload_url`, set in
 * TINYMCE_DEFAULT_CONFIG) with the page's CSRF token, as the field `file`.
 * The server re-encodes it and answers {"location": url}; a refusal answers
 * {"error": {"message": …}} in the page's language, which the editor shows.
 * The dialog's description field is the image's alternative text.
 * Without JavaScript the submit form has a plain file field instead.
 */
'use strict';

window.quorumImageUpload = function (blobInfo, progress) {
  var editor = window.tinymce.activeEditor;
  var failed = editor.translate('The image could not be uploaded.');
  return new Promise(function (resolve, reject) {
    var token = document.querySelector('input[name="csrfmiddlewaretoken"]');
    var data = new FormData();
    data.append('file', blobInfo.blob(), blobInfo.filename());
    var xhr = new XMLHttpRequest();
    xhr.open('POST', editor.options.get('images_upload_url'));
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) {
      xhr.setRequestHeader('X-CSRFToken', token.value);
    }
    xhr.upload.onprogress = function (event) {
      if (event.lengthComputable) {
        progress((event.loaded / event.total) * 100);
      }
    };
    xhr.onload = function () {
      var body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (error) {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof body.location === 'string') {
        resolve(body.location);
        return;
      }
      var message = body && body.error && body.error.message ? body.error.message : failed;
      reject({ message: message, remove: true });
    };
    xhr.onerror = function () {
      reject({ message: failed, remove: true });
    };
    xhr.send(data);
  });
};
