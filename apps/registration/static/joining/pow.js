/* The signup form's proof of work (apps/registration/botcheck.py): find the
   number n with SHA-256(salt + n) == challenge and send the solution in the
   ALTCHA format. Nothing to see or do for the person: a status line says
   what happens. Without Web Crypto (or JavaScript) the server accepts the
   form after a short wait instead. */
(function () {
  "use strict";
  var box = document.querySelector("[data-pow-challenge]");
  if (!box || !window.crypto || !window.crypto.subtle || !window.TextEncoder) return;
  var input = document.getElementById(box.getAttribute("data-pow-input"));
  var status = box.querySelector("[data-pow-status]");
  var challenge = JSON.parse(box.getAttribute("data-pow-challenge"));
  var encoder = new TextEncoder();

  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return b.toString(16).padStart(2, "0");
    }).join("");
  }

  async function solve() {
    for (var n = 0; n <= challenge.maxnumber; n++) {
      var digest = await window.crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
      if (hex(digest) === challenge.challenge) return n;
    }
    return null;
  }

  status.textContent = box.getAttribute("data-working");
  solve().then(function (number) {
    if (number === null) {
      status.textContent = box.getAttribute("data-failed");
      return;
    }
    input.value = window.btoa(JSON.stringify({
      algorithm: challenge.algorithm,
      challenge: challenge.challenge,
      number: number,
      salt: challenge.salt,
      signature: challenge.signature
    }));
    status.textContent = box.getAttribute("data-done");
  }, function () {
    status.textContent = box.getAttribute("data-failed");
  });
})();
