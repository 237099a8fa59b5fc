/* SignaLeerpunt finder for partners' websites: one line of HTML.

     <script src="https://<this site>/embed/vinden.js" data-gemeente="haarlem"
             data-domein="zorg" data-lang="nl" async></script>

   Inserts an iframe with /embed/vinden/ right after this script element and keeps its
   height equal to the height of the finder (the framed page posts it). All data-
   attributes are optional. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) {
    return;
  }
  var origin = new URL(script.src).origin;
  var lang = script.getAttribute("data-lang") === "en" ? "/en" : "";
  var params = new URLSearchParams();
  ["gemeente", "domein"].forEach(function (name) {
    var value = script.getAttribute("data-" + name);
    if (value) {
      params.set(name, value);
    }
  });
  var query = params.toString();
  var frame = document.createElement("iframe");
  frame.src = origin + lang + "/embed/vinden/" + (query ? "?" + query : "");
  frame.title = script.getAttribute("data-title") ||
    (lang ? "Find where to go with a complaint (SignaLeerpunt)"
          : "Vind waar u terecht kunt met een klacht (SignaLeerpunt)");
  frame.className = "slp-embed-frame";
  frame.setAttribute("width", "100%");
  frame.setAttribute("height", "320");
  frame.style.border = "0";
  frame.style.width = "100%";
  frame.style.maxWidth = "48rem";
  frame.style.display = "block";
  script.parentNode.insertBefore(frame, script.nextSibling);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) {
      return;
    }
    var data = event.data;
    if (data && data.type === "slp-embed-height" && typeof data.height === "number" &&
        data.height > 0 && data.height < 10000) {
      frame.setAttribute("height", String(Math.ceil(data.height)));
      frame.style.height = Math.ceil(data.height) + "px";
    }
  });
})();
