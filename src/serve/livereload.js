// gazette serve: live reload. Added to pages by `gazette serve` only, never by `gazette build`.
// The server says which build is current when the socket opens and after every build; a page
// from another build reloads (a failed build reloads too, to show its error overlay).
(function () {
  "use strict";
  var script = document.currentScript;
  var mine = script && script.getAttribute("data-gazette-build");
  var delay = 250;
  function connect() {
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var socket = new WebSocket(scheme + "//" + location.host + "/__gazette/livereload");
    socket.onopen = function () { delay = 250; };
    socket.onmessage = function (event) {
      var match = /^build (\d+)$/.exec(event.data);
      if (match && match[1] !== mine) { location.reload(); }
    };
    socket.onclose = function () {
      // The server stopped or restarted: try again, more slowly each time.
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 5000);
    };
  }
  connect();
})();
