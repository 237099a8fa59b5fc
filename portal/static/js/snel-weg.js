/* "Snel weg" (quick exit): the button, or Shift pressed three times, replaces this page
   with a neutral site. location.replace keeps this page out of the Back history; the
   page is blanked first so it is not visible while the other site loads. Without
   JavaScript the button is a plain link. */
(function () {
  "use strict";
  var button = document.getElementById("snel-weg");
  if (!button) { return; }
  var target = button.getAttribute("href");
  function leave(event) {
    if (event) { event.preventDefault(); }
    document.title = "…";
    document.body.style.visibility = "hidden";
    window.location.replace(target);
  }
  button.addEventListener("click", leave);
  var presses = [];
  document.addEventListener("keyup", function (event) {
    if (event.key !== "Shift") { presses = []; return; }
    var now = Date.now();
    presses = presses.filter(function (time) { return now - time < 1500; });
    presses.push(now);
    if (presses.length >= 3) { presses = []; leave(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift") { presses = []; }
  });
})();
