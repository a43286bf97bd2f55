// Click-to-load video players (gazette, issue 18). A video written as its address alone on a
// line is a link in the page (src/markdown/embeds.rs); this adds a button that loads the
// player only when the reader asks, so opening the page makes no request to the video site.
// Only the players gazette itself makes are loaded, whatever data-player says.
(function () {
  "use strict";
  var players = ["https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"];
  var figures = document.querySelectorAll("figure.embed[data-player]");
  Array.prototype.forEach.call(figures, function (figure) {
    var player = figure.getAttribute("data-player") || "";
    var known = players.some(function (p) {
      return player.indexOf(p) === 0 && /^[A-Za-z0-9_-]+$/.test(player.slice(p.length));
    });
    if (!known) {
      return;
    }
    var link = figure.querySelector("a.embed-link");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "embed-load";
    button.textContent = "Play here (loads the player from " + new URL(player).hostname + ")";
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = player + "?autoplay=1";
      frame.title = link ? link.textContent : "Video";
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.setAttribute("allowfullscreen", "");
      frame.className = "embed-frame";
      figure.insertBefore(frame, figure.firstChild);
      button.remove();
    });
    figure.appendChild(button);
  });
})();
