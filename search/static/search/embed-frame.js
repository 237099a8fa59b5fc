/* The embeddable finder tells the page that frames it how tall it is, so that the
   loader (/embed/vinden.js) can size the iframe without a scroll bar. Nothing is sent
   when the page is not framed. The height is not secret, so any parent may read it. */
(function () {
  "use strict";
  if (window.parent === window) {
    return;
  }
  var last = 0;
  function send() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== last) {
      last = height;
      window.parent.postMessage({ type: "slp-embed-height", height: height }, "*");
    }
  }
  if (window.ResizeObserver) {
    new ResizeObserver(send).observe(document.documentElement);
  }
  window.addEventListener("load", send);
  window.addEventListener("resize", send);
  send();
})();
