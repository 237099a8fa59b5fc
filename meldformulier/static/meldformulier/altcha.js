/* Solves the ALTCHA proof-of-work (protocol v1) for the melding form; no third party.
   Without JavaScript the form shows a note instead (only when the check is switched on). */
(function () {
  "use strict";
  var field = document.querySelector("input[name='altcha'][data-challenge-url]");
  if (!field || !window.crypto || !window.crypto.subtle || !window.fetch) { return; }
  var status = document.getElementById("altcha-status");
  var button = field.form.querySelector("button[type='submit']");
  function hex(buffer) {
    return Array.prototype.map.call(new Uint8Array(buffer), function (b) {
      return ("0" + b.toString(16)).slice(-2);
    }).join("");
  }
  function say(text) { if (status) { status.textContent = text; } }
  if (button) { button.disabled = true; }
  say(field.getAttribute("data-busy"));
  fetch(field.getAttribute("data-challenge-url"), { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(async function (challenge) {
      var encoder = new TextEncoder();
      for (var n = 0; n <= challenge.maxNumber; n++) {
        var digest = await crypto.subtle.digest("SHA-256", encoder.encode(challenge.salt + n));
        if (hex(digest) === challenge.challenge) {
          field.value = btoa(JSON.stringify({
            algorithm: challenge.algorithm, challenge: challenge.challenge, number: n,
            salt: challenge.salt, signature: challenge.signature
          }));
          say(field.getAttribute("data-done"));
          if (button) { button.disabled = false; }
          return;
        }
      }
      throw new Error("not solved");
    })
    .catch(function () {
      say(field.getAttribute("data-failed"));
      if (button) { button.disabled = false; }
    });
})();
