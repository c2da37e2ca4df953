// Read aloud (progressive enhancement). Where the browser can speak (Web Speech API), each
// question gets a button that reads its text and options aloud in the page's language. Without
// JavaScript or speech the page works exactly the same; nothing is sent anywhere.
(function () {
  "use strict";
  if (!("speechSynthesis" in window) || typeof SpeechSynthesisUtterance === "undefined") return;
  var html = document.documentElement;
  var label = html.getAttribute("data-read-aloud") || "Lees voor";
  var language = html.lang === "en" ? "en-GB" : "nl-NL";

  function textOf(question) {
    var parts = [];
    question.querySelectorAll("legend, label, .hint").forEach(function (node) {
      if (node.closest(".visually-hidden")) return;
      parts.push(node.textContent.trim());
    });
    return parts.join(". ");
  }

  document.querySelectorAll(".question").forEach(function (question) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-quiet read-aloud";
    button.textContent = label;
    button.addEventListener("click", function () {
      window.speechSynthesis.cancel();
      var utterance = new SpeechSynthesisUtterance(textOf(question));
      utterance.lang = language;
      utterance.rate = 0.9;
      window.speechSynthesis.speak(utterance);
    });
    question.insertBefore(button, question.firstElementChild ? question.firstElementChild.nextSibling : null);
  });
})();
